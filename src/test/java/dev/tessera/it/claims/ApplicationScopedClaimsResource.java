package dev.tessera.it.claims;

import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The forms of {@code @Claim} injection that follow the current request in an application-scoped bean. */
@Path("/app-claims")
@ApplicationScoped
@RolesAllowed("reader")
public class ApplicationScopedClaimsResource {

    @Inject @Claim("sub") ClaimValue<String> subject;
    @Inject @Claim("customLong") ClaimValue<Optional<Long>> customLong;
    @Inject @Claim("customDouble") ClaimValue<JsonNumber> customDouble;
    @Inject @Claim("sub") Provider<String> providedSubject;
    @Inject @Claim("groups") Instance<Set<String>> groups;
    @Inject @Claim("customString") Provider<Optional<String>> customString;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String claims() {
        return Json.createObjectBuilder()
                .add("subject", subject.getValue())
                .add("customLong", customLong.getValue().map(String::valueOf).orElse("none"))
                .add("customDouble", customDouble.getValue())
                .add("providedSubject", providedSubject.get())
                .add("groups", Json.createArrayBuilder(groups.get().stream().sorted().toList()))
                .add("customString", customString.get().orElse("none"))
                .build().toString();
    }
}
