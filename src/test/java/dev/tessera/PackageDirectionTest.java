package dev.tessera;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The direction of the packages: observation (the hooks, used by all), jose, config, issuer, bearer, liberty (what
 * only Open Liberty needs), mechanism, claims; client beside bearer, on issuer; and the optional bindings at the end:
 * health (MicroProfile Health, on mechanism and client) and telemetry (OpenTelemetry, on observation only). A class may use its own package and the ones before it, never one after it, so
 * that each concept can be read, tested and replaced without the ones that build on it.
 */
class PackageDirectionTest {

    /** Each package and the Tessera packages it may use besides itself. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("observation", Set.of()),
            Map.entry("jose", Set.of("observation")),
            Map.entry("config", Set.of("observation", "jose")),
            Map.entry("issuer", Set.of("observation", "jose", "config")),
            Map.entry("bearer", Set.of("observation", "jose", "config", "issuer")),
            Map.entry("liberty", Set.of("observation", "jose", "config", "issuer", "bearer")),
            Map.entry("mechanism", Set.of("observation", "jose", "config", "issuer", "bearer", "liberty")),
            Map.entry("claims", Set.of("observation", "jose", "config", "issuer", "bearer", "liberty", "mechanism")),
            Map.entry("client", Set.of("observation", "jose", "config", "issuer")),
            Map.entry("health", Set.of("jose", "config", "issuer", "mechanism", "client")),
            Map.entry("telemetry", Set.of("observation")));

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tessera");
    }

    @Test
    void everyPackageUsesOnlyThePackagesBeforeIt() {
        MAY_USE.forEach((name, allowed) -> {
            String[] permitted = allowed.stream().map(p -> "dev.tessera." + p + "..").toArray(String[]::new);
            classes().that().resideInAPackage("dev.tessera." + name + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.tessera..")
                            .or(resideInAnyPackage("dev.tessera." + name + ".."))
                            .or(resideInAnyPackage(permitted)))
                    .allowEmptyShould(false)
                    .check(main);
        });
    }

    @Test
    void everyClassLivesInOneOfTheKnownPackages() {
        String[] known = MAY_USE.keySet().stream().map(p -> "dev.tessera." + p + "..").toArray(String[]::new);
        classes().should().resideInAnyPackage(known)
                .because("a new package needs a place in the direction above").check(main);
    }
}
