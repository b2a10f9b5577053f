/**
 * Readiness checks for MicroProfile Health: one per trusted issuer (its signing keys are known, or since when
 * fetching them fails) and one per outbound client (a token can be obtained, or the last failure and the next
 * attempt). Present only when the application can see the MicroProfile Health API (Liberty's {@code mpHealth}
 * feature); without it {@link dev.tessera.health.ReadinessExtension} adds nothing. No liveness check: an issuer
 * outage is no reason to restart the server.
 */
package dev.tessera.health;
