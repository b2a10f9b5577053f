package dev.tessera.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.jboss.arquillian.test.spi.TestEnricher;

/**
 * Fills {@code @TestToken String} fields before each {@code @RunAsClient} test, and {@code @TestToken String}
 * parameters of test methods, with a fresh token of the test class's issuer.
 */
public final class TestTokenEnricher implements TestEnricher {

    @Override
    public void enrich(Object testCase) {
        for (Class<?> type = testCase.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                TestToken wanted = field.getAnnotation(TestToken.class);
                if (wanted != null) {
                    set(field, testCase, Testkit.issuer().token(wanted));
                }
            }
        }
    }

    @Override
    public Object[] resolve(Method method) {
        Parameter[] parameters = method.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            TestToken wanted = parameters[i].getAnnotation(TestToken.class);
            if (wanted != null && parameters[i].getType() == String.class) {
                values[i] = Testkit.issuer().token(wanted);
            }
        }
        return values;
    }

    private static void set(Field field, Object testCase, String token) {
        if (field.getType() != String.class) {
            throw new IllegalStateException("@TestToken needs a String field: " + field);
        }
        try {
            field.setAccessible(true);
            field.set(testCase, token);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }
}
