/**
 * MicroProfile JWT 2.1 claim injection: {@code @Inject @Claim("name")} of raw types, JSON-P types, {@code Optional},
 * {@code ClaimValue}, {@code Provider} and {@code Instance}, read from the current caller's {@code JsonWebToken}.
 * The CDI extension checks every {@code @Claim} injection point once, at deployment.
 */
package dev.tessera.claims;
