package dev.tessera.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: {@code @ExtendWith(TestIssuerExtension.class)} gives each test class its own {@link TestIssuer} (on a free
 * loopback port, stopped after the class) as a parameter of its tests, {@code @BeforeAll} methods and constructor, and
 * fresh tokens for {@code @TestToken String} parameters. For unit tests of resources, without a server.
 */
public final class TestIssuerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestIssuerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestIssuer.class || (type == String.class && parameter.isAnnotated(TestToken.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestIssuer issuer = issuerOf(context);
        if (parameter.getParameter().getType() == TestIssuer.class) {
            return issuer;
        }
        return issuer.token(parameter.findAnnotation(TestToken.class)
                .orElseThrow(() -> new ParameterResolutionException("no @TestToken")));
    }

    /** The issuer of the test class (of the outermost class, for @Nested ones), stopped when that class is done. */
    private static TestIssuer issuerOf(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningIssuer.class, key -> new RunningIssuer(TestIssuer.startManaged()), RunningIssuer.class)
                .issuer();
    }

    /** Closes the issuer when JUnit closes the class's store. */
    private record RunningIssuer(TestIssuer issuer) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            issuer.close();
        }
    }
}
