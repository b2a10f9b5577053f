package dev.tessera.it.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The API called on the user's behalf, protected by Tessera's bearer mechanism: it names the caller of the token
 * (the user who signed in at the provider) and a fingerprint of the token (never the token).
 */
@Path("/profile")
@RequestScoped
@RolesAllowed("profile.read")
public class ProfileResource {

    @Inject
    JsonWebToken caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String profile() {
        return "{\"caller\":\"" + caller.getName() + "\",\"token\":\"" + fingerprint(caller.getRawToken()) + "\"}";
    }

    /** The first 12 hex digits of the SHA-256 of a secret: tells two apart without showing either. */
    public static String fingerprint(String secret) {
        if (secret == null) {
            return "-";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
