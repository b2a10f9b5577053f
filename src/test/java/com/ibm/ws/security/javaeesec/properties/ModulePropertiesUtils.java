package com.ibm.ws.security.javaeesec.properties;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Test double of the Open Liberty class of the same name (checked on 26.0.0.3): only its shape as
 * {@code dev.tessera.liberty.LibertyMechanismCache} reaches it, a singleton with a synchronized weak map of entries
 * that each hold a mechanism in a field {@code ham}. The real class is tested on Liberty, by RedeployIT.
 */
public class ModulePropertiesUtils {

    private static final ModulePropertiesUtils self = new ModulePropertiesUtils();
    @SuppressWarnings("FieldName") // Liberty's spelling
    private final Map<Object, HamObject> ModuleToHam = Collections.synchronizedMap(new WeakHashMap<>());

    public static ModulePropertiesUtils getInstance() {
        return self;
    }

    /** For the test: caches {@code ham} for {@code module}, as Liberty does on a module's first request. */
    public void cache(Object module, Object ham) {
        ModuleToHam.put(module, new HamObject(ham));
    }

    public int size() {
        return ModuleToHam.size();
    }

    public void clear() {
        ModuleToHam.clear();
    }

    class HamObject {
        private final Object ham;

        HamObject(Object ham) {
            this.ham = ham;
        }
    }
}
