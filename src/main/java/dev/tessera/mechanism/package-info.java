/**
 * The Jakarta Security side: the {@code HttpAuthenticationMechanism} that reads a bearer credential from a request,
 * has it verified, and gives the container the caller and groups or an RFC 6750 answer (401, 400, 403, 503); the
 * CDI extension that switches it on only when the application configures the inbound side; and the producer of the
 * injected {@code JsonWebToken}.
 */
package dev.tessera.mechanism;
