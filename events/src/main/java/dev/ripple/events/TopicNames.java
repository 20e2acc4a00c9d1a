package dev.ripple.events;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every Kafka topic name Ripple uses, derived in one place from stream, region and consumer names
 * (DESIGN.md section 4). The prefix (default {@code ripple}) lets several Ripple installations share a cluster.
 *
 * @param prefix first segment of every topic name; letters, digits, {@code -} and {@code _}
 */
public record TopicNames(String prefix) {
    /** Stream and region names: lower-case letters, digits, {@code -} and {@code _}, at most 64, no dots. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Consumer names may be dotted ({@code purger.eqiad}). */
    private static final Pattern CONSUMER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}(\\.[a-z0-9][a-z0-9_-]{0,63}){0,3}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    /** The intake's part name in {@link #refused} and {@link #dlq}. */
    public static final String INTAKE = "intake";
    /** Dead-letter consumer name of writes whose base revision did not match. */
    public static final String CONFLICTS = "conflicts";

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Invalid value '" + prefix + "' for topic prefix: "
                    + "use 1 to 32 letters, digits, '-' or '_'");
        }
    }

    /** {@code ripple}. */
    public static TopicNames defaults() {
        return new TopicNames("ripple");
    }

    /** The source-of-truth log of a stream: {@code ripple.stream.<stream>}. */
    public String stream(String stream) {
        return prefix + ".stream." + requireName("stream", stream);
    }

    /**
     * The latest state of every key of a stream, as the propagator kept it (compacted, co-partitioned with the
     * stream): {@code ripple.latest.<stream>}.
     */
    public String latest(String stream) {
        return prefix + ".latest." + requireName("stream", stream);
    }

    /**
     * Derived events (DESIGN.md section 14), of every stream (each says its stream in {@code meta.stream}): a lane
     * apart from the streams, so that a fan-out never queues ahead of direct edits, co-partitioned with them; one
     * topic, there from the propagator's start, so that no topic appears under a running propagator when a stream
     * starts carrying dependencies: {@code ripple.derived}.
     */
    public String derived() {
        return prefix + ".derived";
    }

    /**
     * The propagator's dependency traffic, keyed by the resource it concerns: declarations keyed by the resource
     * used, invalidation requests keyed by the dependent: {@code ripple.deps}.
     */
    public String deps() {
        return prefix + ".deps";
    }

    /** Replication records and watermarks for a region: {@code ripple.replicate.<region>}. */
    public String replicate(String region) {
        return prefix + ".replicate." + requireName("region", region);
    }

    /** Purge requests and watermarks for a region: {@code ripple.purge.<region>}. */
    public String purge(String region) {
        return prefix + ".purge." + requireName("region", region);
    }

    /** Every accepted write that belongs to a conit: {@code ripple.conit-log}. */
    public String conitLog() {
        return prefix + ".conit-log";
    }

    /** Applied positions of regions (compacted): {@code ripple.positions}. */
    public String positions() {
        return prefix + ".positions";
    }

    /** Per-region status of conits (compacted): {@code ripple.conit-status}. */
    public String conitStatus() {
        return prefix + ".conit-status";
    }

    /**
     * Writes the prober found not served in time (compacted, keyed by region, target and write):
     * {@code ripple.probe-inconsistencies}.
     */
    public String probeInconsistencies() {
        return prefix + ".probe-inconsistencies";
    }

    /** Records a consumer will retry: {@code ripple.retry.<consumer>}. */
    public String retry(String consumer) {
        return prefix + ".retry." + requireConsumer(consumer);
    }

    /** Records a consumer gave up on: {@code ripple.dlq.<consumer>}. */
    public String dlq(String consumer) {
        return prefix + ".dlq." + requireConsumer(consumer);
    }

    /**
     * Events a part refused because of the client's request (invalid, not allowed, too large):
     * {@code ripple.refused.<part>}. Kept apart from {@code ripple.dlq.*}, which holds only what Ripple failed to
     * handle, so no DLQ alert pages on a client's mistake.
     */
    public String refused(String part) {
        return prefix + ".refused." + requireConsumer(part);
    }

    /** The stream whose source topic this is, if it is one. */
    public Optional<String> streamOf(String topic) {
        String head = prefix + ".stream.";
        if (topic != null && topic.startsWith(head) && NAME.matcher(topic.substring(head.length())).matches()) {
            return Optional.of(topic.substring(head.length()));
        }
        return Optional.empty();
    }

    /**
     * Checks a stream or region name.
     *
     * @throws IllegalArgumentException naming the kind, the value and the rule
     */
    public static String requireName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid " + kind + " name '" + name + "': use 1 to 64 lower-case "
                    + "letters, digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    private static String requireConsumer(String consumer) {
        if (consumer == null || !CONSUMER.matcher(consumer).matches()) {
            throw new IllegalArgumentException("Invalid consumer name '" + consumer + "': use dot-separated "
                    + "lower-case names such as 'purger.eqiad'");
        }
        return consumer;
    }
}
