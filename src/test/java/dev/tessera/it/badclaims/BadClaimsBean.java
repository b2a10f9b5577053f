package dev.tessera.it.badclaims;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Two injection points MicroProfile JWT 2.1 forbids: a type it does not list, and a qualifier naming two claims. */
@RequestScoped
public class BadClaimsBean {

    @Inject @Claim("customLong") Integer notAClaimType;
    @Inject @Claim(value = "exp", standard = Claims.iat) Long twoClaims;
}
