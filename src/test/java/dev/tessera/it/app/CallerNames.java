package dev.tessera.it.app;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application-scoped bean holding an injected token: it must always see the current request's caller. */
@ApplicationScoped
public class CallerNames {

    @Inject
    JsonWebToken caller;

    public String currentName() {
        return caller.getName();
    }
}
