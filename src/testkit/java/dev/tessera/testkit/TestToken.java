package dev.tessera.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fresh token of the test issuer, for a {@code String} field of an Arquillian test (set before each test) or a
 * {@code String} parameter of a test with {@link TestIssuerExtension}: {@code @TestToken(subject = "alice", groups =
 * "orders-reader") String token;}. For anything more, ask the issuer: {@code issuer.token()...sign()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface TestToken {

    /** {@code sub}. */
    String subject();

    /** The {@code groups} claim (Tessera's default roles claim). */
    String[] groups() default {};

    /** {@code aud}; none when empty. */
    String[] audience() default {};

    /** {@code scope}, space-separated; none when empty. */
    String[] scope() default {};

    /** Signed ES256 with the issuer's P-256 key instead of RS256. */
    boolean es256() default false;
}
