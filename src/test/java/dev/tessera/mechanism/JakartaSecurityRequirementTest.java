package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether the loader that loads Tessera can see Jakarta Security decides whether the deployment may go on. */
class JakartaSecurityRequirementTest {

    @Test
    void aLoaderThatSeesJakartaSecurityRaisesNoProblem() {
        assertThat(JakartaSecurityRequirement.problem(getClass().getClassLoader())).isEmpty();
    }

    @Test
    void aLoaderWithoutJakartaSecurityRaisesOneProblemNamingTheFeature() {
        ClassLoader platformOnly = ClassLoader.getPlatformClassLoader();
        assertThat(JakartaSecurityRequirement.problem(platformOnly)).hasValueSatisfying(problem ->
                assertThat(problem.getMessage()).contains("appSecurity-5.0", "Jakarta Security"));
    }
}
