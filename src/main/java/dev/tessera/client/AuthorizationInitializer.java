package dev.tessera.client;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.tessera.config.ClientConfig;
import dev.tessera.config.ClientSettings;
import dev.tessera.config.ConfigReader;
import dev.tessera.config.ConfigurationException;

/**
 * Registers, in the application that carries Tessera's jar, one {@link AuthorizationServlet} per authorization code
 * client (its start, callback and logout paths) and the {@link CurrentRequest} filter, so that the flow needs no code
 * and no {@code web.xml} of the application. Clients whose configuration is wrong are left out here: the CDI extension
 * fails the deployment naming their keys. A redirect URI outside the application's context root fails it here.
 */
public final class AuthorizationInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(AuthorizationInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        // the thread context class loader's Config, as the CDI extension reads it
        Config config = ConfigProvider.getConfig();
        boolean any = false;
        for (String name : ClientConfig.configuredNames(new ConfigReader(config))) {
            Optional<ClientSettings> settings = ClientConfig.read(new ConfigReader(config), name);
            if (settings.isPresent() && settings.get() instanceof ClientSettings.AuthorizationCode code) {
                register(context, code);
                any = true;
            }
        }
        if (any) {
            FilterRegistration.Dynamic filter = context.addFilter("tessera-current-request", CurrentRequest.class);
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }

    private static void register(ServletContext context, ClientSettings.AuthorizationCode code) throws ServletException {
        String name = code.name();
        String contextPath = context.getContextPath();
        String redirectPath = code.grant().redirectUri().getRawPath();
        if (!redirectPath.startsWith(contextPath + "/")) {
            throw new ServletException(new ConfigurationException(List.of(ClientConfig.redirectUriKey(name)
                    + ": client '" + name + "': the redirect URI's path must be inside this application's context root '"
                    + contextPath + "/', since Tessera receives the callback there")));
        }
        String callback = redirectPath.substring(contextPath.length());
        String start = code.grant().startPath();
        String logout = code.grant().logoutPath();
        if (callback.equals(start) || callback.equals(logout)) {
            throw new ServletException(new ConfigurationException(List.of(ClientConfig.redirectUriKey(name) + ": client '"
                    + name + "': the redirect URI's path must differ from the start and logout paths")));
        }
        ServletRegistration.Dynamic servlet = context.addServlet("tessera-authorization-" + name,
                new AuthorizationServlet(name, start, callback, logout, Clock.systemUTC()));
        Set<String> taken = servlet.addMapping(start, callback, logout);
        if (!taken.isEmpty()) {
            throw new ServletException(new ConfigurationException(List.of(ClientConfig.redirectUriKey(name) + ": client '"
                    + name + "': the paths " + taken + " are already mapped to another servlet of the application")));
        }
        LOG.fine(() -> "client '" + name + "': authorization endpoints at " + contextPath + start + ", " + contextPath
                + callback + ", " + contextPath + logout);
    }
}
