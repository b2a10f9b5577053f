package dev.tessera.it.claims;

import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Every supported form of {@code @Claim} injection in a request-scoped bean, echoed as JSON. */
@Path("/claims")
@RequestScoped
@RolesAllowed("reader")
public class RequestScopedClaimsResource {

    @Inject @Claim("sub") String subject;
    @Inject @Claim(standard = Claims.iat) Long issuedAt;
    @Inject @Claim("exp") long expiration;
    @Inject @Claim("customBoolean") boolean flag;
    @Inject @Claim("customBoolean") Boolean flagWrapper;
    @Inject @Claim("groups") Set<String> groups;
    @Inject @Claim(standard = Claims.aud) Set<String> audience;
    @Inject @Claim("customString") JsonString jsonString;
    @Inject @Claim("customDouble") JsonNumber jsonNumber;
    @Inject @Claim("customStringArray") JsonArray jsonArray;
    @Inject @Claim("customObject") JsonObject jsonObject;
    @Inject @Claim("customBoolean") JsonValue jsonValue;
    @Inject @Claim(standard = Claims.iat) JsonNumber jsonIssuedAt;
    @Inject @Claim(standard = Claims.raw_token) Optional<String> rawToken;
    @Inject @Claim("customMissing") Optional<Long> missing;
    @Inject @Claim("customMissing") String missingString;
    @Inject @Claim("customLong") ClaimValue<Long> customLong;
    @Inject @Claim("sub") ClaimValue<Optional<String>> optionalSubject;
    @SuppressWarnings("rawtypes")
    @Inject @Claim("jti") ClaimValue rawJti;
    @Inject @Claim("customDouble") ClaimValue<JsonNumber> claimValueNumber;
    @Inject @Claim("sub") Provider<String> providedSubject;
    @Inject @Claim("iat") Instance<Long> instanceIssuedAt;
    @Inject @Claim("customMissing") Provider<Optional<String>> providedMissing;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String claims() {
        return Json.createObjectBuilder()
                .add("subject", subject)
                .add("issuedAt", issuedAt)
                .add("expiration", expiration)
                .add("flag", flag)
                .add("flagWrapper", flagWrapper)
                .add("groups", Json.createArrayBuilder(groups.stream().sorted().toList()))
                .add("audience", Json.createArrayBuilder(audience))
                .add("jsonString", jsonString)
                .add("jsonNumber", jsonNumber)
                .add("jsonArray", jsonArray)
                .add("jsonObject", jsonObject)
                .add("jsonValue", jsonValue)
                .add("jsonIssuedAt", jsonIssuedAt)
                .add("rawToken", rawToken.orElse("none"))
                .add("missingIsEmpty", missing.isEmpty())
                .add("missingStringIsNull", missingString == null)
                .add("customLong", customLong.getValue())
                .add("customLongName", customLong.getName())
                .add("optionalSubject", optionalSubject.getValue().orElse("none"))
                .add("rawJti", (String) rawJti.getValue())
                .add("claimValueNumber", claimValueNumber.getValue())
                .add("providedSubject", providedSubject.get())
                .add("instanceIssuedAt", instanceIssuedAt.get())
                .add("providedMissingIsEmpty", providedMissing.get().isEmpty())
                .build().toString();
    }
}
