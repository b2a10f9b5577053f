package dev.tessera.it.claims;

import java.util.Optional;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A public resource: without a token, claims are missing, and primitives hold 0 and false. */
@Path("/anonymous-claims")
@RequestScoped
public class AnonymousClaimsResource {

    @Inject JsonWebToken caller;
    @Inject @Claim("sub") String subject;
    @Inject @Claim("sub") JsonString jsonSubject;
    @Inject @Claim("exp") Optional<Long> expiration;
    @Inject @Claim("sub") ClaimValue<Optional<String>> claimValueSubject;
    @Inject @Claim("exp") long primitiveExpiration;
    @Inject @Claim("email_verified") boolean primitiveEmailVerified;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String claims() {
        return Json.createObjectBuilder()
                .add("subjectIsNull", subject == null)
                .add("jsonSubjectIsNull", jsonSubject == null)
                .add("expirationIsEmpty", expiration.isEmpty())
                .add("claimValueSubjectIsEmpty", claimValueSubject.getValue().isEmpty())
                .add("claimNamesIsNull", caller.getClaimNames() == null)
                .add("primitiveExpiration", primitiveExpiration)
                .add("primitiveEmailVerified", primitiveEmailVerified)
                .build().toString();
    }
}
