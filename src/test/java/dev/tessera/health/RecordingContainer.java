package dev.tessera.health;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.health.HealthCheck;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * The CDI container's side of adding the readiness checks, which no unit test can run: an {@link AfterBeanDiscovery}
 * that records the beans added through {@code addBean()}, and a {@link BeanManager} that knows the given extensions
 * (and, as CDI specifies, throws {@link IllegalArgumentException} for any other). Any other method fails the test.
 */
final class RecordingContainer {

    /** One bean added through {@code addBean()}, as configured. */
    static final class Added {
        Class<?> beanClass;
        String id;
        Set<Type> types = Set.of();
        Set<Annotation> qualifiers = Set.of();
        Class<? extends Annotation> scope;
        Function<CreationalContext<Object>, Object> create;

        /** The check the bean creates. */
        HealthCheck check() {
            return (HealthCheck) create.apply(null);
        }
    }

    final List<Added> added = new ArrayList<>();

    AfterBeanDiscovery event() {
        return proxy(AfterBeanDiscovery.class, (method, args) -> {
            if (!method.equals("addBean") || args != null) {
                throw new UnsupportedOperationException(method);
            }
            Added bean = new Added();
            added.add(bean);
            return configurator(bean);
        });
    }

    static BeanManager beans(Map<Class<?>, Object> extensions) {
        return proxy(BeanManager.class, (method, args) -> {
            if (!method.equals("getExtension")) {
                throw new UnsupportedOperationException(method);
            }
            Object extension = extensions.get((Class<?>) args[0]);
            if (extension == null) {
                throw new IllegalArgumentException("no extension " + args[0]);
            }
            return extension;
        });
    }

    @SuppressWarnings("unchecked")
    private static Object configurator(Added bean) {
        Class<?> type = jakarta.enterprise.inject.spi.configurator.BeanConfigurator.class;
        Object[] self = new Object[1];
        self[0] = proxy(type, (method, args) -> {
            switch (method) {
                case "beanClass" -> bean.beanClass = (Class<?>) args[0];
                case "id" -> bean.id = (String) args[0];
                case "types" -> bean.types = Set.of((Type[]) args[0]);
                case "qualifiers" -> bean.qualifiers = Set.of((Annotation[]) args[0]);
                case "scope" -> bean.scope = (Class<? extends Annotation>) args[0];
                case "createWith" -> bean.create = (Function<CreationalContext<Object>, Object>) args[0];
                default -> throw new UnsupportedOperationException(method);
            }
            return self[0];
        });
        return self[0];
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(RecordingContainer.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
