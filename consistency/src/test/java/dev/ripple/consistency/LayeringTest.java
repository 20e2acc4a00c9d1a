package dev.ripple.consistency;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core of the module does not depend on the history checker. (Purity — JDK and Jackson only — is checked
 * with the rest of the layering in ops' ArchitectureTest.)
 */
class LayeringTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ripple.consistency");

    @Test
    void shouldKeepTheCoreIndependentOfTheHistoryChecker() {
        noClasses().that().resideInAnyPackage("dev.ripple.consistency", "dev.ripple.consistency.internal")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ripple.consistency.history..")
                .check(MAIN);
    }
}
