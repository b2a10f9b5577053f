/**
 * Bearer token verification, plain Java: {@link dev.tessera.bearer.TokenVerifier} turns a compact JWS into a
 * {@link dev.tessera.bearer.VerifiedToken} (the caller principal, a plain value) or refuses it with
 * {@link dev.tessera.bearer.InvalidTokenException} (HTTP 401); a key source that cannot answer raises
 * {@link dev.tessera.issuer.KeysUnavailableException} (HTTP 503).
 *
 * <p>Order of work, cheapest refusal first: length and shape of the compact serialization, strict base64url,
 * the JOSE header against an algorithm allow-list, the untrusted {@code iss} to select that issuer's keys only,
 * the signature with JCA, and only then the claims: read once into {@link dev.tessera.bearer.TokenClaims}, checked
 * by the {@link dev.tessera.bearer.ClaimRule}s (time-dependent ones kept apart for re-checking, an application's own
 * last), and the roles claims mapped to groups. JSON is read by the platform's JSON-P provider only. The project's threat model
 * (docs/threat-model.md) lists the attacks each step refuses.
 */
package dev.tessera.bearer;
