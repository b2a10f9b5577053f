package dev.tessera.mechanism;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a bad bearer credential on a resource the container let through as unprotected (MicroProfile JWT 2.1: an
 * invalid token gets 401 even where no role is required). Liberty ignores a mechanism's refusal of an unprotected
 * request (CWWKS1652A) and commits nothing it could answer with; so the mechanism only remembers the refusal, and
 * this filter, which runs before the resource, answers it: {@code 401 invalid_token} or {@code 400 invalid_request}
 * with the same challenge a protected resource gets. Keys that cannot be obtained ({@code 503}) do not stop a
 * public resource: its caller goes on anonymously. Registered in every web module that has Tessera in
 * {@code WEB-INF/lib} by {@link Registration}; a request the mechanism did not refuse passes untouched. Public so that
 * the {@code web.xml} of a module whose Tessera is in an EAR's {@code lib/} can declare it.
 */
public final class RefusalFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String NAME = RefusalFilter.class.getName();

    /** For the container and {@code web.xml}; Tessera registers its own instance. */
    public RefusalFilter() {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(BearerAuthenticationMechanism.OUTCOME_ATTRIBUTE) instanceof Outcome.Refused refused
                && request.getUserPrincipal() == null) {
            response.setHeader("WWW-Authenticate", refused.challenge());
            response.setStatus(refused.status());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Adds the filter for every request path. */
    static void registerIn(ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter(NAME, new RefusalFilter());
        if (filter != null) { // null: the module declares it in web.xml itself
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }

    /**
     * Registers the filter in each web module whose {@code WEB-INF/lib} has Tessera, as the module starts. A container
     * need not look for it in an EAR's {@code lib/} (Liberty does not): there, {@code web.xml} declares the filter.
     */
    public static final class Registration implements ServletContainerInitializer {

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            registerIn(context);
        }
    }
}
