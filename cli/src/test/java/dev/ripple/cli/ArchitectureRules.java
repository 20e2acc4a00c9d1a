package dev.ripple.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The layering of DESIGN.md section 2, as ArchUnit rules over Ripple's production classes. */
final class ArchitectureRules {
    static final String ROOT = "dev.ripple.";
    /** Package roots of the modules (cache-purger's is {@code cachepurger}: no hyphens in package names). */
    static final List<String> MODULES = List.of("consistency", "events", "config", "embedded", "runtime",
            "producer", "propagator", "replica", "cachepurger", "conittracker", "prober", "monitor", "cli", "bench",
            "testsupport");
    static final List<String> SERVICES = List.of("producer", "propagator", "replica", "cachepurger");
    static final List<String> CONTRACTS = List.of("consistency", "events", "config");
    /** The modules above the services, lowest first: each may use the ones before it, never one after. */
    static final List<String> SHELL = List.of("conittracker", "prober", "monitor", "cli", "bench");

    private ArchitectureRules() {}

    /**
     * A service never imports another service, nor anything above the services (conit tracker, monitor, cli):
     * cross-module contracts live in events or config, shared machinery in runtime.
     */
    static ArchRule servicesAreIndependent() {
        return CompositeArchRule.of(SERVICES.stream()
                .map(service -> noClasses().that().resideInAPackage(ROOT + service + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(
                                SERVICES.stream().filter(other -> !other.equals(service)), SHELL.stream())
                                .map(other -> ROOT + other + "..").toArray(String[]::new))
                        // a module with no classes yet has nothing to check
                        .allowEmptyShould(true)
                        .as("the " + service + " service imports no other service and nothing above the services"))
                .toList());
    }

    /** Contracts depend on nothing above them: no runtime, service, shell or embedded types. */
    static ArchRule contractsStayBelowServices() {
        String[] above = Stream.of(Stream.of("runtime", "embedded"), SERVICES.stream(), SHELL.stream())
                .flatMap(s -> s)
                .map(m -> ROOT + m + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(CONTRACTS.stream().map(m -> ROOT + m + "..")
                        .toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(above)
                .allowEmptyShould(true)
                .as("consistency, events and config import no runtime, service, shell or embedded types");
    }

    /**
     * The runtime is shared by every part, so it imports none of them: no service, conit tracker, monitor or cli
     * type (DESIGN.md section 2).
     */
    static ArchRule runtimeStaysBelowTheParts() {
        return noClasses().that().resideInAPackage(ROOT + "runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(SERVICES.stream(), SHELL.stream())
                        .map(m -> ROOT + m + "..").toArray(String[]::new))
                .as("runtime imports no service, conit tracker, monitor or cli type");
    }

    /**
     * The shell is layered: the conit tracker below the prober, the prober below the monitor (which shows its
     * meters), the monitor below the cli, the cli below bench.
     */
    static ArchRule shellIsLayered() {
        return CompositeArchRule.of(SHELL.subList(0, SHELL.size() - 1).stream()
                .map(module -> {
                    List<String> above = SHELL.subList(SHELL.indexOf(module) + 1, SHELL.size());
                    return noClasses().that().resideInAPackage(ROOT + module + "..")
                            .should().dependOnClassesThat().resideInAnyPackage(above.stream()
                                    .map(m -> ROOT + m + "..").toArray(String[]::new))
                            .as(module + " imports none of " + above);
                })
                .toList());
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

    /** The one lifecycle vocabulary: no class outside {@code runtime.lifecycle} declares an enum named State. */
    static ArchRule oneStateVocabulary() {
        return noClasses().that().resideOutsideOfPackage(ROOT + "runtime.lifecycle..").and().areEnums()
                .should().haveSimpleName("State")
                .as("no enum named State outside " + ROOT + "runtime.lifecycle: every part uses its State");
    }

    /**
     * {@code events} owns the wire format: services, the runtime and the shell write and read JSON through its serdes and
     * codecs, never with Jackson's streaming {@link JsonGenerator} or {@link JsonParser} of their own. (config and
     * consistency keep theirs: config documents and histories are formats of their own, not the wire's.)
     */
    static ArchRule wireJsonOnlyInEvents() {
        String[] owners = Stream.concat(SERVICES.stream(), Stream.of("runtime", "conittracker", "prober", "monitor",
                        "cli"))
                .map(m -> ROOT + m + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(owners)
                .should().dependOnClassesThat(JavaClass.Predicates.assignableTo(JsonGenerator.class)
                        .or(JavaClass.Predicates.assignableTo(JsonParser.class)))
                .allowEmptyShould(true)
                .as("services, runtime and the shell write no JSON with Jackson's JsonGenerator or JsonParser: "
                        + "the wire format's codecs live in " + ROOT + "events");
    }

    /** Service packages, as ArchUnit patterns. */
    private static String[] servicePackages() {
        return SERVICES.stream().map(service -> ROOT + service + "..").toArray(String[]::new);
    }

    /**
     * Services send HTTP and guard calls through the runtime ({@code dev.ripple.runtime.http}): none uses Apache
     * HttpClient, the JDK HTTP client or resilience4j itself, so there is one HTTP sender and one breaker.
     */
    static ArchRule servicesUseTheRuntimesHttpSenderAndBreaker() {
        return noClasses().that().resideInAnyPackage(servicePackages())
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.hc..", "java.net.http..",
                        "io.github.resilience4j..")
                .allowEmptyShould(true)
                .as("services use no HTTP client or resilience4j of their own: dev.ripple.runtime.http sends and "
                        + "guards");
    }

    /**
     * Services run Lua through the runtime's {@code LuaScript} ({@code dev.ripple.runtime.redis}), which holds the
     * {@code NOSCRIPT} fallback: none calls Lettuce's {@code evalsha}, {@code eval} or {@code scriptLoad}.
     */
    static ArchRule servicesRunLuaThroughTheRuntime() {
        Set<String> scripting = Set.of("evalsha", "eval", "scriptLoad");
        return noClasses().that().resideInAnyPackage(servicePackages())
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a Lettuce scripting call (evalsha, eval, scriptLoad)",
                        (com.tngtech.archunit.core.domain.JavaMethodCall call) -> scripting.contains(call.getName())
                                && call.getTargetOwner().getPackageName().startsWith("io.lettuce")))
                .allowEmptyShould(true)
                .as("services load and run Lua scripts through dev.ripple.runtime.redis.LuaScript");
    }

    /**
     * Services write dead letters through the runtime ({@code dev.ripple.runtime.deadletter}), which owns the one
     * semantics: none constructs the {@code DeadLetterRecord} of events itself.
     */
    static ArchRule servicesLeaveDeadLetterEnvelopesToTheRuntime() {
        return noClasses().that().resideInAnyPackage(servicePackages())
                .should().callConstructorWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a constructor of dev.ripple.events.DeadLetterRecord",
                        (com.tngtech.archunit.core.domain.JavaConstructorCall call) -> call.getTargetOwner()
                                .getFullName().equals("dev.ripple.events.DeadLetterRecord")))
                .allowEmptyShould(true)
                .as("services build no dead-letter record: dev.ripple.runtime.deadletter does");
    }

    /**
     * One process wiring (issue 17): inside the cli, only {@code dev.ripple.cli.wiring} starts a service or a monitor part
     * ({@code Intake.start}, {@code Propagator.create}, {@code ReplicaService.start}, {@code CachePurger.create},
     * {@code ConitTracker.start}, {@code Monitoring.start}, {@code ConitFollower.start}), so {@code ripple up} and
     * every single-part command build each part by the same code.
     */
    static ArchRule partsAreWiredOnce() {
        return noClasses().that().resideInAPackage(ROOT + "cli..")
                .and().resideOutsideOfPackage(ROOT + "cli.wiring..")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.base.DescribedPredicate.describe("a part's start or create", target ->
                                (target.getName().equals("start") || target.getName().equals("create"))
                                        && STARTED_BY_WIRING.contains(target.getOwner().getName()))))
                .as("only dev.ripple.cli.wiring starts Ripple's parts");
    }

    private static final List<String> STARTED_BY_WIRING = List.of("dev.ripple.producer.Intake",
            "dev.ripple.propagator.Propagator", "dev.ripple.replica.ReplicaService",
            "dev.ripple.cachepurger.CachePurger", "dev.ripple.conittracker.ConitTracker",
            "dev.ripple.monitor.Monitoring", "dev.ripple.cli.parts.ConitFollower");

    /** Test fixtures stay out of production: no production class outside test-support uses it. */
    static ArchRule testSupportStaysInTests() {
        return noClasses().that().resideOutsideOfPackage(ROOT + "testsupport..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "testsupport..")
                .as("no production class uses test-support (a test-scoped dependency only)");
    }

    /**
     * test-support stays low, so that every module above events can use it: of Ripple, it uses consistency, events
     * and embedded (which uses none) only.
     */
    static ArchRule testSupportStaysLow() {
        return noClasses().that().resideInAPackage(ROOT + "testsupport..")
                .should().dependOnClassesThat().resideInAnyPackage(MODULES.stream()
                        .filter(m -> !List.of("consistency", "events", "embedded", "testsupport").contains(m))
                        .map(m -> ROOT + m + "..").toArray(String[]::new))
                .allowEmptyShould(true)
                .as("test-support uses no Ripple module but consistency, events and embedded");
    }

    /**
     * Kafka clients come from {@code dev.ripple.runtime.kafka.KafkaClients}, so every part gets the operator's
     * client properties (TLS, SASL) the same way: no production class outside runtime (and embedded, bench and
     * test-support, which serve tests and benchmarks) constructs a {@code KafkaProducer} or {@code KafkaConsumer} or
     * calls {@code Admin.create} / {@code AdminClient.create}. The propagator's {@code new KafkaStreams} is allowed,
     * and so is its client supplier ({@code OnTimeCommits}): Streams hands it the properties KafkaClients built.
     */
    static ArchRule kafkaClientsComeFromRuntime() {
        DescribedPredicate<JavaCall<?>> buildsClient = DescribedPredicate.describe(
                "construct a KafkaProducer or KafkaConsumer or call Admin.create or AdminClient.create", call -> {
                    String owner = call.getTarget().getOwner().getName();
                    String name = call.getTarget().getName();
                    if (JavaConstructor.CONSTRUCTOR_NAME.equals(name)) {
                        return owner.equals(KafkaProducer.class.getName())
                                || owner.equals(KafkaConsumer.class.getName());
                    }
                    return "create".equals(name) && (owner.equals(Admin.class.getName())
                            || owner.equals(AdminClient.class.getName()));
                });
        return noClasses().that().resideOutsideOfPackages(ROOT + "runtime..", ROOT + "embedded..", ROOT + "bench..",
                        ROOT + "testsupport..")
                .and().haveNameNotMatching(Pattern.quote(ROOT + "propagator.internal.OnTimeCommits") + "(\\$.*)?")
                .should().callCodeUnitWhere(buildsClient)
                .as("Kafka producers, consumers and admins are built by dev.ripple.runtime.kafka.KafkaClients only");
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
