package dev.tessera.it.badclaims;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** An injection point MicroProfile JWT 2.1 forbids: a qualifier naming two different claims. */
@RequestScoped
public class BadClaimsBean {

    @Inject @Claim(value = "exp", standard = Claims.iat) Long twoClaims;
}
