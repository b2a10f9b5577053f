package dev.tessera.it.badclaims;

import org.eclipse.microprofile.jwt.Claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An injection point MicroProfile JWT 2.1 forbids: a claim value fixed at injection in an application-scoped bean,
 * which would show every later caller the claim of the first.
 */
@ApplicationScoped
public class ApplicationScopedRawClaimBean {

    @Inject @Claim("sub") String subject;
}
