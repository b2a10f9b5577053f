package dev.tessera.client;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

/**
 * Injects the outbound tokens of the client configured under {@code tessera.client.<value>.*}:
 * {@code @Inject @ClientCredentials("kaunt") TokenSource kaunt;} (always current) or
 * {@code @Inject @ClientCredentials("kaunt") AccessToken token;} (valid at injection time).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface ClientCredentials {

    /**
     * The client name. Non-binding: one {@code @Dependent} producer serves every name and reads it from the
     * injection point; unknown names fail the deployment.
     */
    @Nonbinding
    String value();

    /** The qualifier for programmatic lookup, e.g. {@code CDI.current().select(TokenSource.class, ClientCredentials.Literal.of("kaunt"))}. */
    final class Literal extends AnnotationLiteral<ClientCredentials> implements ClientCredentials {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /** The qualifier naming client {@code name}. */
        public static ClientCredentials of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
