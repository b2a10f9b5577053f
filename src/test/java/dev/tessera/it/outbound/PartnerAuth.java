package dev.tessera.it.outbound;

import dev.tessera.client.ClientCredentialsFilter;

/** Names the "partner" client for MicroProfile Rest Client's {@code @RegisterProvider}. */
public class PartnerAuth extends ClientCredentialsFilter {

    public PartnerAuth() {
        super("partner");
    }
}
