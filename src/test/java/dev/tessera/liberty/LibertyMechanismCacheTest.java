package dev.tessera.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.ibm.ws.security.javaeesec.properties.ModulePropertiesUtils;

class LibertyMechanismCacheTest {

    /** Stands for this application's mechanism class. */
    static class ThisMechanism {
    }

    /** Stands for another application's mechanism. */
    static class OtherMechanism {
    }

    final ModulePropertiesUtils liberty = ModulePropertiesUtils.getInstance();
    final Object thisModule = new Object();
    final Object otherModule = new Object();
    final Object secondModuleOfThisApplication = new Object();

    @AfterEach
    void clear() {
        liberty.clear();
    }

    @Test
    void removesTheEntriesThatHoldThisApplicationsMechanismAndNoOther() {
        liberty.cache(thisModule, new ThisMechanism());
        liberty.cache(secondModuleOfThisApplication, new ThisMechanism());
        liberty.cache(otherModule, new OtherMechanism());

        int removed = LibertyMechanismCache.forget(ModulePropertiesUtils.class.getClassLoader(), ThisMechanism.class);

        assertThat(removed).isEqualTo(2);
        assertThat(liberty.size()).isEqualTo(1);
    }

    @Test
    void anEntryWithoutAMechanismStays() {
        liberty.cache(thisModule, null); // Liberty caches a null mechanism too, to log its error once

        assertThat(LibertyMechanismCache.forget(ModulePropertiesUtils.class.getClassLoader(), ThisMechanism.class)).isZero();
        assertThat(liberty.size()).isEqualTo(1);
    }

    @Test
    void aRuntimeWithoutLibertysCacheIsLeftAlone() {
        ClassLoader withoutLiberty = ClassLoader.getPlatformClassLoader();

        assertThat(LibertyMechanismCache.forget(withoutLiberty, ThisMechanism.class)).isZero();
    }
}
