package dev.ripple.cli.wiring;

import dev.ripple.config.ConfigView;
import dev.ripple.consistency.EpochSource;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.WriteThrottle;
import dev.ripple.replica.ReadGate;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.server.Metrics;
import java.time.Clock;
import java.util.Objects;

/**
 * What every part of one process is built from, the same inside {@code ripple up} and alone. Immutable; change
 * copies with the {@code with…} methods.
 *
 * @param kafka how the part's Kafka clients connect
 * @param topics topic naming
 * @param config the config in force, or null where a part runs without a config store ({@code ripple replica}
 *     and {@code ripple ops} without {@code --etcd})
 * @param readGate {@code gate-reads} conit enforcement of the read API ({@link ReadGate#OPEN}: none)
 * @param writeThrottle {@code throttle-writes} conit enforcement of the intake ({@link WriteThrottle#NONE}: none)
 * @param epoch the epoch in force: followed live from {@code /ripple/epoch} with a config, else fixed
 * @param redis the Redis of regions and Redis targets that name none ({@code redis://host:port}), or null
 * @param tokens signs and verifies session tokens, or null for parts that handle none
 * @param metrics the process's registry: each part binds its meters here before it starts
 * @param clock what every part measures time with
 */
public record PartContext(KafkaSettings kafka, TopicNames topics, ConfigView config, ReadGate readGate,
        WriteThrottle writeThrottle, EpochSource epoch, String redis, SessionTokenCodec tokens, Metrics metrics,
        Clock clock) {
    public PartContext {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(readGate, "readGate");
        Objects.requireNonNull(writeThrottle, "writeThrottle");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(epoch, "epoch");
    }

    /** Default topics; no config, conit enforcement, Redis or tokens; epoch 0; a fresh registry. */
    public static PartContext of(KafkaSettings kafka, Clock clock) {
        return new PartContext(kafka, TopicNames.defaults(), null, ReadGate.OPEN, WriteThrottle.NONE, EpochSource.fixed(0), null, null,
                Metrics.create(), clock);
    }

    public PartContext withKafka(KafkaSettings newKafka) {
        return new PartContext(newKafka, topics, config, readGate, writeThrottle, epoch, redis, tokens, metrics,
                clock);
    }

    public PartContext withTopics(TopicNames newTopics) {
        return new PartContext(kafka, newTopics, config, readGate, writeThrottle, epoch, redis, tokens, metrics,
                clock);
    }

    /** This context following {@code view}, and the epoch it names, live. */
    public PartContext withConfig(ConfigView view) {
        return new PartContext(kafka, topics, view, readGate, writeThrottle, () -> view.snapshot().currentEpoch(),
                redis, tokens, metrics, clock);
    }

    /** This context enforcing conits with these (the same gate and throttle inside {@code ripple up} and alone). */
    public PartContext withConits(ReadGate newReadGate, WriteThrottle newWriteThrottle) {
        return new PartContext(kafka, topics, config, newReadGate, newWriteThrottle, epoch, redis, tokens, metrics,
                clock);
    }

    /** This context with a fixed epoch, whatever the config says. */
    public PartContext withEpoch(long fixed) {
        return new PartContext(kafka, topics, config, readGate, writeThrottle, EpochSource.fixed(fixed), redis, tokens, metrics,
                clock);
    }

    public PartContext withRedis(String newRedis) {
        return new PartContext(kafka, topics, config, readGate, writeThrottle, epoch, newRedis, tokens, metrics,
                clock);
    }

    public PartContext withTokens(SessionTokenCodec newTokens) {
        return new PartContext(kafka, topics, config, readGate, writeThrottle, epoch, redis, newTokens, metrics,
                clock);
    }

    /**
     * The config.
     *
     * @throws IllegalStateException naming {@code part} when there is none
     */
    public ConfigView requireConfig(String part) {
        if (config == null) {
            throw new IllegalStateException("The " + part + " needs the config store: pass --etcd");
        }
        return config;
    }

    /**
     * The session-token codec.
     *
     * @throws IllegalStateException naming {@code part} when there is none
     */
    public SessionTokenCodec requireTokens(String part) {
        if (tokens == null) {
            throw new IllegalStateException("The " + part + " needs session keys");
        }
        return tokens;
    }
}
