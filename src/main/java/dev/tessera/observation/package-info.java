/**
 * What Tessera reports about its work, for whoever watches it: the {@link dev.tessera.observation.Observer} hook
 * (tokens accepted and refused, verified-token cache lookups, key-set fetches, outbound token requests) with a no-op
 * default, and the deployment's {@link dev.tessera.observation.ObserverExtension}, which a binding (OpenTelemetry
 * metrics) plugs into. Depends on no other Tessera package and on no metrics library.
 */
package dev.tessera.observation;
