/**
 * OpenTelemetry metrics of Tessera (MicroProfile Telemetry, Liberty's {@code mpTelemetry} feature): an
 * {@link dev.tessera.observation.Observer} that counts tokens accepted and refused by reason, verified-token cache
 * lookups and its size, key-set fetches per issuer, and outbound token requests with their latency. Present only
 * when the application can see the OpenTelemetry API and has an {@code OpenTelemetry} bean; otherwise
 * {@link dev.tessera.telemetry.TelemetryExtension} attaches nothing and Tessera's hooks stay no-ops.
 */
package dev.tessera.telemetry;
