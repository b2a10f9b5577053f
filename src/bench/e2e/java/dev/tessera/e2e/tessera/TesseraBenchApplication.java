package dev.tessera.e2e.tessera;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of {@code tessera.war}. Nothing here names Tessera: its mechanism comes with the jar in
 * WEB-INF/lib and switches itself on because the server defines {@code mp.jwt.verify.issuer}.
 */
@ApplicationPath("/api")
public class TesseraBenchApplication extends Application {
}
