/**
 * Tessera's test kit, the {@code testkit} jar of Tessera's build, for an application's own tests (test scope): a real
 * in-process OpenID Connect issuer on loopback ({@link dev.tessera.testkit.TestIssuer}), fluent tokens
 * ({@link dev.tessera.testkit.TokenBuilder}) and tampered ones ({@link dev.tessera.testkit.Tampered}), an Arquillian
 * extension that makes deployments trust the issuer ({@link dev.tessera.testkit.TestkitArquillianExtension}), and a
 * JUnit 5 extension for tests without a server ({@link dev.tessera.testkit.TestIssuerExtension}). See docs/testkit.md.
 */
package dev.tessera.testkit;
