/**
 * The bottom package of Tessera: JOSE vocabulary that every other package shares and that depends on nothing of
 * Tessera. {@link dev.tessera.jose.JwsAlgorithm} is the one list of allowed JWS algorithms and their key rules;
 * {@link dev.tessera.jose.KeyLoader} the one parser of PEM and JWK key text; {@link dev.tessera.jose.KeyLocation}
 * the one bounded read of a key file or classpath resource.
 */
package dev.tessera.jose;
