package dev.tessera.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's JAX-RS application: every resource lives under {@code /demo/api}. */
@ApplicationPath("/api")
public class DemoApplication extends Application {
}
