package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ripple.cli.archfixture.BuildsItsOwnKafkaClients;
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
        assertThat(production.contain("dev.ripple.cli.Main")).isTrue();
        assertThat(production.contain("dev.ripple.conittracker.ConitTracker")).isTrue();
        assertThat(production.contain("dev.ripple.monitor.Monitoring")).isTrue();
        assertThat(production.contain("dev.ripple.runtime.server.RippleHttpServer")).isTrue();
    }

    @Test
    void shouldKeepTheRuntimeBelowEveryPart() {
        ArchitectureRules.runtimeStaysBelowTheParts().check(production);
    }

    @Test
    void shouldLayerTheConitTrackerMonitorCliAndBench() {
        ArchitectureRules.shellIsLayered().check(production);
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
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.cli.archfixture");

        // then the rule reports it, naming the class
        var result = ArchitectureRules.internalsStayInside().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("UsesEmbeddedInternals");
    }

    @Test
    void shouldKeepOneStateVocabulary() {
        ArchitectureRules.oneStateVocabulary().check(production);
    }

    @Test
    void shouldCatchAClassThatDeclaresItsOwnStateEnum() {
        // given a test fixture in ops with a lifecycle enum of its own
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.cli.archfixture");

        // then the rule reports it, naming the class
        var result = ArchitectureRules.oneStateVocabulary().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("DeclaresItsOwnState");
    }

    @Test
    void shouldLeaveWireJsonToEvents() {
        ArchitectureRules.wireJsonOnlyInEvents().check(production);
    }

    @Test
    void shouldCatchAServiceSideClassThatWritesJsonWithAGenerator() {
        // given a test fixture in ops that writes JSON through a JsonGenerator of its own
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.cli.archfixture");

        // then the rule reports it, naming the class
        var result = ArchitectureRules.wireJsonOnlyInEvents().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("WritesItsOwnJson");
    }

    @Test
    void shouldSendHttpAndGuardCallsInServicesOnlyThroughTheRuntime() {
        ArchitectureRules.servicesUseTheRuntimesHttpSenderAndBreaker().check(production);
    }

    @Test
    void shouldRunLuaInServicesOnlyThroughTheRuntime() {
        ArchitectureRules.servicesRunLuaThroughTheRuntime().check(production);
    }

    @Test
    void shouldLeaveDeadLetterEnvelopesToTheRuntime() {
        ArchitectureRules.servicesLeaveDeadLetterEnvelopesToTheRuntime().check(production);
    }

    @Test
    void shouldCatchAServiceClassWithItsOwnHttpClientBreakerLuaLoaderOrDeadLetterEnvelope() {
        // given fixtures in a service package: an own HTTP sender, an own breaker, an own NOSCRIPT fallback and an
        // own dead-letter envelope
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.ripple.replica.archfixture");

        // then each rule reports its fixture, naming the class
        var http = ArchitectureRules.servicesUseTheRuntimesHttpSenderAndBreaker().evaluate(fixtures);
        assertThat(http.hasViolation()).isTrue();
        assertThat(http.getFailureReport().toString()).contains("OwnHttpSender", "OwnBreaker");
        var lua = ArchitectureRules.servicesRunLuaThroughTheRuntime().evaluate(fixtures);
        assertThat(lua.hasViolation()).isTrue();
        assertThat(lua.getFailureReport().toString()).contains("OwnLuaLoader");
        var envelopes = ArchitectureRules.servicesLeaveDeadLetterEnvelopesToTheRuntime().evaluate(fixtures);
        assertThat(envelopes.hasViolation()).isTrue();
        assertThat(envelopes.getFailureReport().toString()).contains("OwnDeadLetterEnvelope");
    }

    @Test
    void shouldStartEveryPartThroughTheOneProcessWiring() {
        ArchitectureRules.partsAreWiredOnce().check(production);
    }

    @Test
    void shouldCatchAPartStartedOutsideTheWiring() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.cli.archfixture");

        var result = ArchitectureRules.partsAreWiredOnce().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("StartsAPropagatorByHand", "Propagator.create");
    }

    @Test
    void shouldKeepTestSupportOutOfProductionAndBelowTheServices() {
        assertThat(production.contain("dev.ripple.testsupport.ManualClock")).isTrue();
        ArchitectureRules.testSupportStaysInTests().check(production);
        ArchitectureRules.testSupportStaysLow().check(production);
    }

    @Test
    void shouldBuildEveryKafkaClientThroughTheRuntimeFactory() {
        ArchitectureRules.kafkaClientsComeFromRuntime().check(production);
    }

    @Test
    void shouldCatchAClassThatBuildsItsOwnKafkaClients() {
        // given a test fixture in ops that constructs a consumer and an admin itself
        JavaClasses fixture = new ClassFileImporter().importClasses(BuildsItsOwnKafkaClients.class);

        // then the rule reports both calls, naming the class
        var result = ArchitectureRules.kafkaClientsComeFromRuntime().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("BuildsItsOwnKafkaClients"));
    }

    @Test
    void shouldKeepTheReplicaAndThePurgerOffTheirOwnConsumerPolls() {
        ArchitectureRules.servicesDoNotPollConsumers().check(production);
    }

    @Test
    void shouldCatchAClassThatPollsItsOwnConsumer() {
        // given a test fixture in ops that polls a KafkaConsumer itself
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.ripple.cli.archfixture");

        // then the rule reports it, naming the class
        var result = ArchitectureRules.noDirectPolling("dev.ripple.cli.archfixture..").evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("PollsItsOwnConsumer");
    }
}
