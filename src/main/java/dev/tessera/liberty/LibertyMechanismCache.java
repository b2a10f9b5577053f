package dev.tessera.liberty;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Open Liberty only: lets go of the mechanism that Liberty's Jakarta Security runtime cached for a stopped application.
 *
 * <p>Liberty ({@code com.ibm.ws.security.javaeesec.properties.ModulePropertiesUtils}, checked on 26.0.0.3) caches
 * each web module's application-scoped {@code HttpAuthenticationMechanism} in a {@code WeakHashMap} keyed by the
 * module's metadata. The value, the mechanism's client proxy, reaches the key through the application's class loader
 * (its class path's overlay cache holds the metadata), so the weak key never clears: every undeployed application
 * stayed in memory with its classes, and with them its HTTP clients' selector threads. When the application stops,
 * {@link #forget} removes the entries that hold this application's mechanism. Liberty's classes are not visible to
 * an application, so they are reached through the class loader of a Liberty object the mechanism is handed (its
 * {@code HttpMessageContext}, which Liberty's same bundle defines); whatever does not match what was checked makes this do nothing but log at FINE.
 */
public final class LibertyMechanismCache {

    private static final Logger LOG = Logger.getLogger(LibertyMechanismCache.class.getName());
    static final String CACHE_CLASS = "com.ibm.ws.security.javaeesec.properties.ModulePropertiesUtils";
    static final String CACHE_FIELD = "ModuleToHam";
    static final String ENTRY_FIELD = "ham";

    private LibertyMechanismCache() {
    }

    /**
     * Removes Liberty's cached entries whose mechanism is an instance of {@code mechanismClass}: the proxies of this
     * application's mechanism, and no other application's (each has its own copy of the class).
     *
     * @param runtimeLoader  the class loader of Liberty's Jakarta Security runtime: that of the {@code HttpMessageContext}
     *                       it passes to the mechanism
     * @param mechanismClass the mechanism's class as this application loaded it
     * @return how many entries were removed
     */
    public static int forget(ClassLoader runtimeLoader, Class<?> mechanismClass) {
        try {
            Class<?> cacheClass = Class.forName(CACHE_CLASS, false, runtimeLoader);
            Method instance = cacheClass.getMethod("getInstance");
            Field field = cacheClass.getDeclaredField(CACHE_FIELD);
            field.setAccessible(true);
            Map<?, ?> cache = (Map<?, ?>) field.get(instance.invoke(null));
            int before;
            int after;
            synchronized (cache) { // a Collections.synchronizedMap: its views are guarded by the map itself
                before = cache.size();
                cache.values().removeIf(entry -> mechanismClass.isInstance(mechanismOf(entry)));
                after = cache.size();
            }
            LOG.fine(() -> "Released " + (before - after) + " of Liberty's cached mechanisms for " + mechanismClass.getName());
            return before - after;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Liberty's cache of authentication mechanisms is not what Tessera knows; nothing released", e);
            return 0;
        }
    }

    private static Object mechanismOf(Object entry) {
        try {
            Field ham = entry.getClass().getDeclaredField(ENTRY_FIELD);
            ham.setAccessible(true);
            return ham.get(entry);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
