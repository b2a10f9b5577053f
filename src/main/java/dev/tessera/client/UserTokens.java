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
 * Injects the current user's tokens of the client configured under {@code tessera.client.<value>.*} with
 * {@code grant=authorization_code}: {@code @Inject @UserTokens("kanbert") UserTokenSource kanbert;} (or
 * {@code TokenSource}). The source reads the session of the HTTP request on the calling thread.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface UserTokens {

    /** The client name. Non-binding: one producer serves every name; names that are no authorization code client fail the deployment. */
    @Nonbinding
    String value();

    /** The qualifier for programmatic lookup, e.g. {@code CDI.current().select(UserTokenSource.class, UserTokens.Literal.of("kanbert"))}. */
    final class Literal extends AnnotationLiteral<UserTokens> implements UserTokens {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /** The qualifier naming client {@code name}. */
        public static UserTokens of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
