package dev.ripple.consistency;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The consistency module is pure: JDK and Jackson only, and its internals stay behind its public types. */
class LayeringTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ripple.consistency");

    @Test
    void shouldDependOnlyOnTheJdkAndJackson() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "com.fasterxml.jackson..", "dev.ripple.consistency..")
                .because("the consistency module carries no Kafka, Redis, etcd or HTTP types (DESIGN.md section 2)")
                .check(MAIN);
    }

    @Test
    void shouldKeepTheCoreIndependentOfTheHistoryChecker() {
        noClasses().that().resideInAnyPackage("dev.ripple.consistency", "dev.ripple.consistency.internal")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ripple.consistency.history..")
                .check(MAIN);
    }
}
