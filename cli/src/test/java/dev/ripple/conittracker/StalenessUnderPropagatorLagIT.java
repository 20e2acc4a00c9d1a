package dev.ripple.conittracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.SessionKeys;
import dev.ripple.cli.wiring.PropagatorPart;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.EpochSource;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.history.AnomalyType;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.ConitThrottle;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.replica.ConitGate;
import dev.ripple.replica.ReplicaService;
import dev.ripple.runtime.server.RippleHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 20: a conit's {@code staleness_ms} holds while the propagator is the one behind, on Ripple's clocks. The
 * whole pipeline runs on a real broker and Redis (intake, propagator, tracker, two regions); a background writer
 * keeps writing while the propagator is stopped for 6 s, readers read the gated keys in both regions with and
 * without the writer's session token, and the history checker, from every write's acknowledgement time and every
 * read's served version, finds no read served more than the 500 ms bound plus {@link #TOLERANCE_MS} stale. Three
 * phases: clients stamping {@code meta.dt} right, an hour in the past, an hour in the future.
 */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class StalenessUnderPropagatorLagIT {
    /**
     * What a read may be staler than the bound: the tracker learns of a write when it next reads the source stream
     * after the acknowledgement, and measures every 50 ms; the ack and read times are the client's, taken after the
     * acknowledgement and before the read.
     */
    static final long TOLERANCE_MS = 250;
    private static final long BOUND_MS = 500;
    private static final Duration PAUSE = Duration.ofSeconds(6);
    /** Gated reads served in each phase while the pipeline keeps up, so the check below is never vacuous. */
    private static final int SERVED_PER_PHASE = 10;
    private static final TopicNames TOPICS = new TopicNames("lag");
    private static final String CONFIG = """
            epoch: 1
            regions: [{name: eqiad}, {name: codfw}]
            streams: [{name: edits}]
            rules:
              - {name: everything, streams: [edits], match: {key: "^.+$"}, replicate: {regions: ["*"]}}
            conits:
              - {name: gated, keys: {glob: "g:*"}, bounds: {staleness_ms: 500}, enforcement: gate-reads}
              - {name: throttled, keys: {glob: "t:*"}, bounds: {max_unapplied: 3}, enforcement: throttle-writes}
            """;

    @Test
    void shouldServeNoReadOfAConitKeyStalerThanItsBoundWhileThePropagatorLagsWhateverTheClientsClock(
            EmbeddedKafka kafka, RedisProcess redis) throws Exception {
        Clock clock = Clock.systemUTC();
        String bootstrap = kafka.bootstrapServers();
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.random("it"));
        try (ConfigStore store = ConfigStore.inMemory()) {
            ConfigImport.importText(store, CONFIG, false);
            try (ConfigView view = ConfigView.open(store, clock);
                    ConitTracker tracker = ConitTracker.start(new ConitTrackerConfig(bootstrap, TOPICS,
                            Duration.ofMillis(50), 100_000), view, clock)) {
                ConitGate gate = new ConitGate(view, tracker::current, clock);
                tracker.onMeasured(gate::statusesChanged);
                try (ReplicaService replicas = ReplicaService.start(ReplicaService.Options.defaults(List.of(
                                new ReplicaService.Region("eqiad", redis.uri(), List.of()),
                                new ReplicaService.Region("codfw", redis.uri(), List.of())), bootstrap, tokens)
                                .withTopics(TOPICS).withEpoch(1), gate, clock);
                        Intake intake = Intake.start(IntakeConfig.defaults().withAuthRequired(false),
                                new PublisherConfig(bootstrap, TOPICS, tokens, EpochSource.fixed(1),
                                        PublisherConfig.DEFAULT_MAX_EVENT_BYTES, 32L << 20, Duration.ofSeconds(5),
                                        Duration.ofSeconds(30), Map.of()), view,
                                new ConitThrottle(view, tracker::current), clock);
                        RippleHttpServer server = RippleHttpServer.start("127.0.0.1", 0,
                                List.of(intake.routes(), replicas.routes()))) {
                    LagLoad load = new LagLoad(server.url(), List.of("eqiad", "codfw"), clock);
                    Propagator propagator = startPropagator(bootstrap, view, clock);
                    try {
                        load.seed(5);
                        for (Duration skew : List.of(Duration.ZERO, Duration.ofHours(-1), Duration.ofHours(1))) {
                            propagator = phase(load, tracker, propagator, skew, bootstrap, view, clock);
                        }
                    } finally {
                        load.close();
                        propagator.close();
                    }
                    CheckReport report = HistoryChecker.create().check(new History(load.history(), Map.of(), false,
                            new StalenessBound(BOUND_MS + TOLERANCE_MS, Long.MAX_VALUE)));
                    assertThat(load.servedGatedReads()).as("served reads of gated keys")
                            .isGreaterThanOrEqualTo(3 * SERVED_PER_PHASE);
                    assertThat(report.count(AnomalyType.STALENESS_BOUND_EXCEEDED)).as(report.toJson()).isZero();
                    assertThat(report.ok()).as(report.toJson()).isTrue();
                }
            }
        }
    }

    /** One phase: the writer at {@code skew}, the propagator stopped for {@link #PAUSE}, then restarted. */
    private static Propagator phase(LagLoad load, ConitTracker tracker, Propagator running, Duration skew,
            String bootstrap, ConfigView view, Clock clock) {
        // given the writer stamps meta.dt off by skew and the pipeline keeps up: the tracker says nothing near an hour
        load.writeWith(skew);
        int servedBefore = load.servedGatedReads();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.served("eqiad") && load.served("codfw")
                && load.servedGatedReads() >= servedBefore + SERVED_PER_PHASE);
        await().atMost(Duration.ofSeconds(30)).until(() -> maxStaleness(tracker) < 10_000);

        // when the propagator stops while writes go on
        running.close();
        long stoppedAt = clock.millis();
        int throttledBefore = load.throttled();

        // then the tracker reports the gated conit out of bound in both regions, and throttle-writes engages
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.current().get("gated").regionsOutOfBounds()
                .containsAll(List.of("eqiad", "codfw")));
        await().atMost(Duration.ofSeconds(5)).until(() -> load.throttled() > throttledBefore);
        await().atMost(PAUSE.plusSeconds(5)).until(() -> clock.millis() - stoppedAt >= PAUSE.toMillis());
        assertThat(maxStaleness(tracker)).as("staleness the tracker reports after the pause")
                .isGreaterThan(PAUSE.toMillis() - 1_000);

        // and once it runs again, the conit comes back within bound and both regions serve again
        Propagator restarted = startPropagator(bootstrap, view, clock);
        await().atMost(Duration.ofSeconds(90)).until(() -> tracker.current().get("gated").regionsOutOfBounds()
                .isEmpty());
        load.resetServed();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.served("eqiad") && load.served("codfw"));
        return restarted;
    }

    private static long maxStaleness(ConitTracker tracker) {
        return tracker.current().get("gated").regions().values().stream().mapToLong(r -> r.stalenessMs()).max()
                .orElse(0);
    }

    private static Propagator startPropagator(String bootstrap, ConfigView view, Clock clock) {
        Propagator propagator = Propagator.create(PropagatorConfig.defaults(bootstrap).withTopics(TOPICS)
                .withApplicationId("lag-propagator"), view, clock);
        propagator.start();
        PropagatorPart.awaitRunning(propagator, Duration.ofSeconds(90));
        return propagator;
    }
}
