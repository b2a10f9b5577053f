package dev.tessera.e2e.mpjwt;

import org.eclipse.microprofile.auth.LoginConfig;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of {@code mpjwt.war}, authenticated by Liberty's own {@code mpJwt-2.1} feature. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "bench")
public class MpJwtBenchApplication extends Application {
}
