/**
 * Outbound tokens: the {@code @ClientCredentials("name")} qualifier, the token source of each configured client (a
 * fixed token, or tokens requested from a token endpoint with one of the client authentication styles), caching with
 * single-flight refresh and back-off, and the JAX-RS / MicroProfile Rest Client filter that attaches the token.
 */
package dev.tessera.client;
