package dev.ripple.producer.internal;

import dev.ripple.config.ConfigView;
import dev.ripple.config.ProducerTokens;
import dev.ripple.events.EditEventValidator;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.Publisher;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.producer.WriteThrottle;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Intake}: wires the publisher, dead letters, topics and endpoints together, and closes them in reverse. */
public final class IntakeServer implements Intake {
    private static final Logger log = LoggerFactory.getLogger(IntakeServer.class);

    private final Publisher publisher;
    private final UncertainWrites uncertainWrites;
    private final IntakeDeadLetters deadLetters;
    private final Admin admin;
    private final StreamTopics topics;
    private final AutoCloseable listener;
    private final EventsEndpoint events;
    private final StreamsEndpoint streams;
    private final IntakeMetrics metrics;
    private final Lifecycle lifecycle = Lifecycle.running("the intake");

    private IntakeServer(Publisher publisher, UncertainWrites uncertainWrites, IntakeDeadLetters deadLetters,
            Admin admin, StreamTopics topics, AutoCloseable listener, EventsEndpoint events, StreamsEndpoint streams,
            IntakeMetrics metrics) {
        this.topics = topics;
        this.publisher = publisher;
        this.uncertainWrites = uncertainWrites;
        this.deadLetters = deadLetters;
        this.admin = admin;
        this.listener = listener;
        this.events = events;
        this.streams = streams;
        this.metrics = metrics;
    }

    public static IntakeServer start(IntakeConfig config, PublisherConfig publisherConfig, ConfigView view,
            WriteThrottle throttle, Clock clock) {
        KafkaSettings kafka = ProducerSettings.kafka(publisherConfig)
                .withClientId(ConsumerGroups.of(publisherConfig.topics()).of("intake"));
        Admin admin = KafkaClients.admin(kafka);
        StreamTopics topics = new StreamTopics(admin, publisherConfig.topics(), config.partitions(), clock);
        topics.ensure(view.snapshot());
        AutoCloseable listener = view.addListener((previous, current) -> {
            if (!previous.streams().keySet().equals(current.streams().keySet())) {
                topics.ensure(current);
            }
        });
        // no send may block past the publish timeout, or a request could not be answered within it
        KafkaPublisher publisher = KafkaPublisher.start(ProducerSettings.blockingAtMost(publisherConfig,
                config.publishTimeout()), clock);
        IntakeDeadLetters deadLetters = new IntakeDeadLetters(kafka, publisherConfig.topics(), clock);
        IntakeMetrics metrics = new IntakeMetrics(config);
        RecentIds recent = config.retries().enabled()
                ? new RecentIds(config.retries(), clock, () -> metrics.limitHit("max_retry_ids")) : null;
        if (recent != null) {
            metrics.countRetryIds(recent::size);
        }
        UncertainWrites uncertainWrites = new UncertainWrites(() -> KafkaClients.consumer(kafka, "uncertain-writes",
                null, Map.of(), new StringDeserializer(), new ByteArrayDeserializer()), config.retries().length(),
                clock);
        ProducerAuth auth = new ProducerAuth(10_000, (token, hash) -> {
            metrics.tokenHashed();
            return ProducerTokens.verify(token, hash);
        });
        EventsEndpoint events = new EventsEndpoint(config, view::snapshot,
                new EventPreparer(EditEventValidator.create(), clock, config.origin()), auth,
                throttle, deadLetters, new IdempotentPublisher(publisher, topics::awaitExists, recent, uncertainWrites,
                metrics), metrics, clock);
        StreamsEndpoint streams = new StreamsEndpoint(view::snapshot, publisherConfig.topics(), admin);
        log.info("Intake ready: {} stream(s), producer tokens {}, answers within {} ms, retries recognised {}",
                view.snapshot().streams().size(), config.authRequired() ? "required" : "not required",
                config.publishTimeout().toMillis(), config.retries().enabled() ? "for " + config.retries().length()
                        + " (" + config.retries().maxIds() + " ids)" : "never");
        return new IntakeServer(publisher, uncertainWrites, deadLetters, admin, topics, listener, events, streams,
                metrics);
    }

    @Override
    public Consumer<JavalinConfig> routes() {
        return config -> {
            config.routes.post("/v1/events", events);
            config.routes.get("/v1/streams", streams::list);
        };
    }

    @Override
    public Optional<String> unavailable() {
        State now = lifecycle.state();
        return now.isClosing() ? Optional.of(now.name()) : streams.kafkaProblem();
    }

    @Override
    public MeterBinder metrics() {
        return metrics;
    }

    @Override
    public State state() {
        return lifecycle.state();
    }

    @Override
    public void close() {
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        closeQuietly(listener);
        closeQuietly(topics);
        closeQuietly(uncertainWrites);
        closeQuietly(publisher);
        closeQuietly(deadLetters);
        closeQuietly(admin);
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Could not close {} cleanly: {}", part, e.toString());
        }
    }
}
