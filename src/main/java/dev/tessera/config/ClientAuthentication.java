package dev.tessera.config;

import java.util.Objects;

/** How a client authenticates at the token endpoint, with the credential that method needs (RFC 6749 §2.3). */
public sealed interface ClientAuthentication {

    /** The configuration name of this method. */
    ClientAuthMethod method();

    /** {@code client_secret_basic}: HTTP Basic (RFC 6749 §2.3.1), the credentials encoded as {@code encoding} says. */
    record SecretBasic(String secret, BasicEncoding encoding) implements ClientAuthentication {
        public SecretBasic {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(encoding, "encoding");
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.CLIENT_SECRET_BASIC;
        }

        @Override
        public String toString() {
            return "SecretBasic[secret=***, encoding=" + encoding.configName() + "]";
        }
    }

    /** {@code client_secret_post}: id and secret as form fields (RFC 6749 §2.3.1). */
    record SecretPost(String secret) implements ClientAuthentication {
        public SecretPost {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.CLIENT_SECRET_POST;
        }

        @Override
        public String toString() {
            return "SecretPost[secret=***]";
        }
    }

    /** {@code client_secret_json}: one JSON body with id, secret, {@code audience} and the grant, as Auth0-style endpoints expect. */
    record SecretJson(String secret) implements ClientAuthentication {
        public SecretJson {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.CLIENT_SECRET_JSON;
        }

        @Override
        public String toString() {
            return "SecretJson[secret=***]";
        }
    }

    /** {@code private_key_jwt}: a JWT signed with this key (RFC 7523 §2.2); no secret is sent. */
    record PrivateKeyJwt(ClientKey key) implements ClientAuthentication {
        public PrivateKeyJwt {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.PRIVATE_KEY_JWT;
        }
    }

    /** {@code none}: a public client (RFC 6749 §2.1) sends its {@code client_id} in the body and no credential. */
    record None() implements ClientAuthentication {

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.NONE;
        }
    }
}
