package dev.ripple.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks DESIGN.md section 2's layering over every module's production classes (ops sees them all). */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importRipple() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ripple");
    }

    @Test
    void shouldSeeTheClassesOfEveryModuleThatHasSome() {
        assertThat(production.contain("dev.ripple.embedded.EmbeddedKafka")).isTrue();
        assertThat(production.contain("dev.ripple.ops.Main")).isTrue();
    }

    @Test
    void shouldKeepServicesIndependentOfEachOther() {
        ArchitectureRules.servicesAreIndependent().check(production);
    }

    @Test
    void shouldKeepContractsBelowServices() {
        ArchitectureRules.contractsStayBelowServices().check(production);
    }

    @Test
    void shouldKeepInternalPackagesInsideTheirModule() {
        ArchitectureRules.internalsStayInside().check(production);
    }

    @Test
    void shouldKeepConsistencyFreeOfKafkaRedisEtcdAndHttp() {
        ArchitectureRules.consistencyIsPure().check(production);
    }

    @Test
    void shouldCatchAClassThatReachesIntoAnotherModulesInternals() {
        // given a test fixture in ops that uses embedded's internal port picker
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.ops.archfixture");

        // then the rule reports it, naming the class
        var result = ArchitectureRules.internalsStayInside().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("UsesEmbeddedInternals");
    }

    @Test
    void shouldKeepTheReplicaAndThePurgerOffTheirOwnConsumerPolls() {
        ArchitectureRules.servicesDoNotPollConsumers().check(production);
    }

    @Test
    void shouldCatchAClassThatPollsItsOwnConsumer() {
        // given a test fixture in ops that polls a KafkaConsumer itself
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.ops.archfixture");

        // then the rule reports it, naming the class
        var result = ArchitectureRules.noDirectPolling("dev.ripple.ops.archfixture..").evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("PollsItsOwnConsumer");
    }
}
