package dev.ripple.runtime.kafka;

import dev.ripple.events.TopicNames;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one naming scheme of consumer groups, the Streams application id and client ids: {@code <prefix>-<part>} or
 * {@code <prefix>-<part>-<region>}, with the prefix of the installation's {@link TopicNames} (default
 * {@code ripple}). DESIGN.md section 4 has the table and what an upgrade does.
 *
 * @param prefix the installation's prefix, as in {@link TopicNames#prefix()}
 */
public record ConsumerGroups(String prefix) {
    /** The propagator's part name: its Streams application id is {@code <prefix>-propagator}. */
    public static final String PROPAGATOR = "propagator";
    /** The purger's part name: {@code <prefix>-purger-<region>}. */
    public static final String PURGER = "purger";
    /** The applier's part name: {@code <prefix>-replica-<region>}. */
    public static final String REPLICA = "replica";
    /** The part name of dead-letter cursors: {@code <prefix>-dlq-<consumer>}. */
    public static final String DLQ = "dlq";
    private static final Pattern REPLICA_GROUP = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9_-]{0,31}?)-replica-([a-z0-9][a-z0-9_-]{0,63})");

    public ConsumerGroups {
        new TopicNames(prefix); // the same rule, with its message
    }

    /** The groups of an installation whose topics are named by {@code names}. */
    public static ConsumerGroups of(TopicNames names) {
        return new ConsumerGroups(names.prefix());
    }

    /** Prefix {@code ripple}. */
    public static ConsumerGroups defaults() {
        return of(TopicNames.defaults());
    }

    /** {@code <prefix>-<part>}, e.g. {@code ripple-intake}. */
    public String of(String part) {
        return prefix + "-" + TopicNames.requireName("part", part);
    }

    /** {@code <prefix>-<part>-<region>}, e.g. {@code ripple-purger-eqiad}. */
    public String of(String part, String region) {
        return of(part) + "-" + TopicNames.requireName("region", region);
    }

    /** The propagator's Streams application id (its group, transactional ids and internal topics' prefix). */
    public String propagator() {
        return of(PROPAGATOR);
    }

    /** The consumer group of a region's purger. */
    public String purger(String region) {
        return of(PURGER, region);
    }

    /** The consumer group of a region's applier. */
    public String replica(String region) {
        return of(REPLICA, region);
    }

    /**
     * The group whose committed offsets are the replay cursor of {@code ripple.dlq.<consumer>} (DESIGN.md section 4):
     * {@code <prefix>-dlq-<consumer>}, e.g. {@code ripple-dlq-purger.eqiad}. No consumer ever joins it; the DLQ tools
     * commit to it what was replayed, and the lag monitor reads it for the DLQ's depth.
     *
     * @throws IllegalArgumentException for a consumer name that {@link TopicNames#dlq} refuses
     */
    public String dlqCursor(String consumer) {
        new TopicNames(prefix).dlq(consumer);
        return of(DLQ) + "-" + consumer;
    }

    /** The DLQ consumer whose cursor {@code group} is ({@link #dlqCursor}), if it is one. */
    public Optional<String> dlqCursorOf(String group) {
        String head = of(DLQ) + "-";
        return group.startsWith(head) && group.length() > head.length() ? Optional.of(group.substring(head.length()))
                : Optional.empty();
    }

    /**
     * The name {@code group} had before this scheme, if it had another: only the applier's group changed, from
     * {@code <p>.replica.<region>} to {@code <p>-replica-<region>}. Any prefix {@code p} is recognised, as the
     * applier's default group did not follow the topic prefix.
     */
    public static Optional<String> legacyOf(String group) {
        Matcher m = REPLICA_GROUP.matcher(Objects.requireNonNull(group, "group"));
        return m.matches() ? Optional.of(m.group(1) + ".replica." + m.group(2)) : Optional.empty();
    }
}
