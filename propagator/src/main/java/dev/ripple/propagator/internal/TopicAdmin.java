package dev.ripple.propagator.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.PartitionMismatchException;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.propagator.PropagatorException;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicMismatchException;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * The topics of a config, from the one specification in {@link RippleTopics}: source streams, their latest-state
 * topics and region topics with the cluster's partition count (an existing one with another count is a {@link PartitionMismatchException}
 * saying what to do), and the conit log and dead-letter topics; created and verified by {@link TopicProvisioner}.
 * Thread-safe.
 */
public final class TopicAdmin implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final PropagatorConfig config;
    private final RippleTopics topics;

    public TopicAdmin(PropagatorConfig config) {
        this.config = config;
        this.topics = RippleTopics.of(config.topics(), config.partitions())
                .withReplicationFactor(config.replicationFactor()).withMaxMessageBytes(config.maxRecordBytes());
        this.admin = KafkaClients.admin(StreamsProperties.kafka(config));
    }

    /**
     * The topics a config needs: its streams and their latest-state topics, each region's replicate and purge
     * topics, the side topics, and the two the topology reads beside the streams, {@code ripple.derived} and
     * {@code ripple.deps} (both always: a source topic missing at start would stop Kafka Streams).
     */
    public List<TopicSpec> topicsOf(ConfigSnapshot snapshot) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String stream : snapshot.streams().keySet()) {
            specs.add(topics.stream(stream));
            specs.add(topics.latest(stream));
        }
        specs.add(topics.derived());
        specs.add(topics.deps());
        for (String region : snapshot.regions().keySet()) {
            specs.add(topics.replicate(region));
            specs.add(topics.purge(region));
        }
        specs.add(topics.conitLog());
        specs.add(topics.dlq(DeadLetterHandler.CONSUMER));
        specs.add(topics.dlq(TopicNames.CONFLICTS));
        return specs;
    }

    /**
     * Checks every topic and creates the missing ones.
     *
     * @throws PartitionMismatchException for the first co-partitioned topic with another partition count
     * @throws PropagatorException if Kafka does not answer within 30 s
     */
    public void ensure(List<TopicSpec> specs) {
        try {
            TopicProvisioner.ensure(admin, specs, TIMEOUT);
        } catch (TopicMismatchException e) {
            throw new PartitionMismatchException(e.spec().name(), e.spec().partitions(), e.actual(),
                    whatToDo(e.spec(), e.actual()));
        } catch (KafkaSetupException e) {
            throw new PropagatorException(e.getMessage(), e);
        }
    }

    private static String whatToDo(TopicSpec spec, int actual) {
        if (spec.kind() == TopicSpec.Kind.STREAM) {
            return "If the cluster's count really is " + actual + ", start the propagator with --partitions "
                    + actual + ". Otherwise the stream was repartitioned, which is a new epoch (DESIGN.md 5): "
                    + "recreate it with " + spec.partitions() + " partitions and raise /ripple/epoch.";
        }
        if (spec.kind() == TopicSpec.Kind.LATEST) {
            return "A latest-state topic holds partition p of its stream in partition p. If " + actual + " is the "
                    + "streams' count, start the propagator with --partitions " + actual + "; otherwise delete "
                    + spec.name() + " to have it recreated with " + spec.partitions() + " partitions, knowing that "
                    + "it then holds only the keys written since, so rebuilds and replays miss the others.";
        }
        if (spec.kind() == TopicSpec.Kind.DERIVED || spec.kind() == TopicSpec.Kind.DEPS) {
            return spec.name() + " carries the propagator's dependency traffic, partition p beside partition p of the "
                    + "streams. If " + actual + " is the streams' count, start the propagator with --partitions "
                    + actual + "; otherwise stop it, delete " + spec.name() + " and start again (what it held and "
                    + "the propagator had not read yet is lost: publish the affected resources' declarations again).";
        }
        return "A region topic holds only what the propagator derives from the streams: delete " + spec.name()
                + " and start again to have it recreated with " + spec.partitions() + " partitions (its consumers "
                + "then start from its beginning), or, if " + actual + " is the streams' count, start the "
                + "propagator with --partitions " + actual + ".";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
