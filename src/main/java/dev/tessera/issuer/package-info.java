/**
 * What Tessera knows of an issuer: its metadata (OpenID Connect Discovery, RFC 8414), its signing keys (discovered,
 * fetched from a URL, or configured) with caching, refresh, rate limits and outage tolerance, and the one bounded
 * HTTP client that fetches them. Each trusted issuer has its own keys; they are never merged.
 */
package dev.tessera.issuer;
