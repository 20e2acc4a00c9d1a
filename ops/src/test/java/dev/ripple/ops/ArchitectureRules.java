package dev.ripple.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;

/** The layering of DESIGN.md section 2, as ArchUnit rules over Ripple's production classes. */
final class ArchitectureRules {
    static final String ROOT = "dev.ripple.";
    /** Package roots of the modules (cache-purger's is {@code cachepurger}: no hyphens in package names). */
    static final List<String> MODULES = List.of("consistency", "events", "config", "embedded", "producer",
            "propagator", "replica", "cachepurger", "ops");
    static final List<String> SERVICES = List.of("producer", "propagator", "replica", "cachepurger");
    static final List<String> CONTRACTS = List.of("consistency", "events", "config");

    private ArchitectureRules() {}

    /** A service never imports another service, nor ops: cross-module contracts live in events or config. */
    static ArchRule servicesAreIndependent() {
        return CompositeArchRule.of(SERVICES.stream()
                .map(service -> noClasses().that().resideInAPackage(ROOT + service + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(
                                SERVICES.stream().filter(other -> !other.equals(service)), Stream.of("ops"))
                                .map(other -> ROOT + other + "..").toArray(String[]::new))
                        // a module with no classes yet has nothing to check
                        .allowEmptyShould(true)
                        .as("the " + service + " service imports no other service and not ops"))
                .toList());
    }

    /** Contracts depend on nothing above them: no service, ops or embedded types. */
    static ArchRule contractsStayBelowServices() {
        String[] above = Stream.concat(SERVICES.stream(), Stream.of("ops", "embedded"))
                .map(m -> ROOT + m + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(CONTRACTS.stream().map(m -> ROOT + m + "..")
                        .toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(above)
                .allowEmptyShould(true)
                .as("consistency, events and config import no service, ops or embedded types");
    }

    /** A module's {@code .internal} packages are used by that module alone. */
    static ArchRule internalsStayInside() {
        return CompositeArchRule.of(MODULES.stream()
                .map(module -> noClasses().that().resideOutsideOfPackage(ROOT + module + "..")
                        .should().dependOnClassesThat().resideInAPackage(ROOT + module + "..internal..")
                        .allowEmptyShould(true)
                        .as("nothing outside " + module + " uses " + ROOT + module + "..internal"))
                .toList());
    }

    /**
     * The mathematics of consistency stays pure: it uses the JDK and Jackson only, so no Kafka, Redis, etcd or
     * HTTP type can creep in (an allow-list, stricter than naming what is forbidden).
     */
    static ArchRule consistencyIsPure() {
        return classes().that().resideInAPackage(ROOT + "consistency..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "javax.crypto..", "com.fasterxml.jackson..", ROOT + "consistency..")
                .as("consistency depends on the JDK and Jackson only: no Kafka, Redis, etcd or HTTP types");
    }

    /**
     * The replica and the cache purger consume through {@code dev.ripple.runtime.consume}: none of their classes
     * polls a Kafka consumer itself (the consume loop is written once, in runtime).
     */
    static ArchRule servicesDoNotPollConsumers() {
        return noDirectPolling(ROOT + "replica..", ROOT + "cachepurger..");
    }

    /** No class in {@code packages} calls {@code poll} on a Kafka {@code Consumer} (any implementation). */
    static ArchRule noDirectPolling(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().callMethodWhere(DescribedPredicate.describe("Consumer.poll", (JavaMethodCall call) ->
                        call.getName().equals("poll") && call.getTargetOwner().isAssignableTo(Consumer.class)))
                .allowEmptyShould(true)
                .as("no class in " + String.join(", ", packages) + " polls a Kafka consumer: the consume loop "
                        + "lives in dev.ripple.runtime.consume");
    }
}
