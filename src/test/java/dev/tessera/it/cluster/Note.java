package dev.tessera.it.cluster;

import java.io.Serializable;

/**
 * What ClusterIT keeps in the HTTP session: a value of the application's own class, so that the server that reads the
 * session must deserialize it with the application's class loader, as it must a user's tokens.
 *
 * @param text what the test wrote
 * @param writtenOn the HTTP port of the server that wrote it
 */
public record Note(String text, int writtenOn) implements Serializable {

    private static final long serialVersionUID = 1L;
}
