package dev.tessera.issuer;

import java.util.logging.Logger;

/** Logs an issuer's key fetches going down and coming back, once per change of state, never once per request. */
final class OutageLog {

    private static final Logger LOG = Logger.getLogger(JwksKeySource.class.getName());

    private final String name;
    private boolean failing;

    OutageLog(String name) {
        this.name = name;
    }

    synchronized void succeeded() {
        if (failing) {
            LOG.info("The signing keys of " + name + " can be fetched again");
        }
        failing = false;
    }

    synchronized void failed(Exception failure, boolean haveKeys) {
        if (!failing) {
            LOG.warning("Cannot fetch the signing keys of " + name + ": " + failure.getMessage()
                    + (haveKeys ? "; the last good keys stay in use" : "; its tokens cannot be checked yet"));
        }
        failing = true;
    }
}
