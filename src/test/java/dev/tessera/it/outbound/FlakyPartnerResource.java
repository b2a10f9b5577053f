package dev.tessera.it.outbound;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** A partner that revokes the first token it ever sees: answers 401 to it, 200 to any other. */
@Path("/flaky")
@PermitAll
@ApplicationScoped
public class FlakyPartnerResource {

    private final AtomicReference<String> revoked = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();

    @GET
    public Response get(@HeaderParam("Authorization") String authorization) {
        calls.incrementAndGet();
        revoked.compareAndSet(null, authorization);
        if (authorization == null || authorization.equals(revoked.get())) {
            return Response.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"").entity("revoked").build();
        }
        return Response.ok("fresh").build();
    }

    @GET
    @Path("/calls")
    public int calls() {
        return calls.get();
    }
}
