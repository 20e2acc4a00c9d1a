package dev.ripple.monitor.lag.internal;

import dev.ripple.monitor.dlq.DlqCursor;
import dev.ripple.monitor.dlq.DlqDepths;
import dev.ripple.monitor.lag.LagMonitorConfig;
import dev.ripple.monitor.lag.Membership;
import dev.ripple.monitor.lag.RippleGroup;
import dev.ripple.monitor.lag.TopicOffsets;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One pass over Kafka: Ripple groups (listGroups, describeConsumerGroups, listConsumerGroupOffsets), the log
 * start and last stable offsets of every partition they consume and of the stream and DLQ topics, the
 * first unconsumed record of each lagging partition, and the records waiting in each DLQ ({@link DlqDepths}, from the
 * cursors committed to the DLQ cursor groups, which are not consumer groups to watch). Not thread-safe: the sampling
 * thread owns it.
 */
final class KafkaOffsetReader implements AutoCloseable {
    private static final long CALL_TIMEOUT_MS = 10_000;

    private final LagMonitorConfig config;
    private final Admin admin;
    private final FirstRecords firstRecords;
    private final DlqDepths dlqDepths;
    private final ConsumerGroups groupNames;

    KafkaOffsetReader(LagMonitorConfig config) {
        this.config = config;
        KafkaSettings kafka = KafkaSettings.of(config.bootstrapServers(), config.clientSettings(),
                "ripple-lag-monitor");
        this.admin = KafkaClients.admin(kafka, Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT_MS, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS / 2));
        this.firstRecords = new FirstRecords(config.clientSettings(), config.bootstrapServers(),
                config.fetchTimeout());
        this.dlqDepths = new DlqDepths(kafka, config.fetchTimeout());
        this.groupNames = ConsumerGroups.of(config.topics());
    }

    /** @throws Exception when Kafka cannot be asked at all (the sample fails as a whole) */
    Reading read() throws Exception {
        List<RippleGroup> groups = new ArrayList<>();
        Map<String, String> cursorGroups = new HashMap<>();
        for (GroupListing listing : get(admin.listGroups().all())) {
            boolean consumerGroup = listing.type().map(t -> t == GroupType.CLASSIC || t == GroupType.CONSUMER)
                    .orElse(true);
            Optional<String> dlq = groupNames.dlqCursorOf(listing.groupId()).flatMap(this::dlqTopic);
            if (dlq.isPresent()) {
                cursorGroups.put(listing.groupId(), dlq.get());
            } else if (consumerGroup) {
                RippleGroup.parse(listing.groupId(), config.groupPrefixes()).ifPresent(groups::add);
            }
        }
        Map<String, ConsumerGroupDescription> described = describe(groups);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g.id(), new ListConsumerGroupOffsetsSpec()));
        cursorGroups.keySet().forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        Map<TopicPartition, DlqCursor> cursors = new HashMap<>();
        if (!specs.isEmpty()) {
            var result = admin.listConsumerGroupOffsets(specs);
            for (RippleGroup g : groups) {
                try {
                    committed.put(g.id(), get(result.partitionsToOffsetAndMetadata(g.id())));
                } catch (ExecutionException | TimeoutException e) {
                    errors.put(g.id(), "could not read committed offsets: " + rootMessage(e));
                }
            }
            for (var cursor : cursorGroups.entrySet()) {
                get(result.partitionsToOffsetAndMetadata(cursor.getKey())).forEach((tp, offset) -> {
                    if (tp.topic().equals(cursor.getValue())) {
                        cursors.put(tp, DlqCursor.of(offset));
                    }
                });
            }
        }
        List<String> watched = watchedTopics();
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        committed.values().forEach(m -> m.forEach((tp, offset) -> {
            if (offset != null) {
                partitions.add(tp);
            }
        }));
        if (!watched.isEmpty()) {
            for (TopicDescription topic : get(admin.describeTopics(watched).allTopicNames()).values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
        }
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, long[]> lagging = new HashMap<>();
        committed.values().forEach(m -> m.forEach((tp, offset) -> {
            if (offset != null && ends.containsKey(tp) && offset.offset() < ends.get(tp)) {
                lagging.put(tp, new long[] {Math.max(offset.offset(), starts.getOrDefault(tp, 0L)), ends.get(tp)});
            }
        }));
        Map<TopicPartition, FirstRecords.First> firsts = lagging.isEmpty() ? Map.of() : firstRecords.read(lagging);
        List<Reading.Group> read = new ArrayList<>();
        for (RippleGroup g : groups) {
            read.add(group(g, described.get(g.id()), committed.getOrDefault(g.id(), Map.of()), errors.get(g.id()),
                    starts, ends, firsts));
        }
        Map<TopicPartition, long[]> dlqOffsets = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (tp.topic().startsWith(dlqPrefix()) && watched.contains(tp.topic())) {
                dlqOffsets.put(tp, new long[] {starts.getOrDefault(tp, 0L), end});
            }
        });
        return new Reading(read, topicOffsets(watched, starts, ends, dlqDepths.count(dlqOffsets, cursors)));
    }

    /** The DLQ topic of a consumer name; none for a name no DLQ can have. */
    private Optional<String> dlqTopic(String consumer) {
        try {
            return Optional.of(config.topics().dlq(consumer));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String dlqPrefix() {
        return config.topics().prefix() + ".dlq.";
    }

    private Reading.Group group(RippleGroup g, ConsumerGroupDescription description,
            Map<TopicPartition, OffsetAndMetadata> committed, String error, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends, Map<TopicPartition, FirstRecords.First> firsts) {
        Map<TopicPartition, String> owners = new HashMap<>();
        if (description != null) {
            for (MemberDescription member : description.members()) {
                member.assignment().topicPartitions().forEach(tp -> owners.put(tp, member.clientId()));
            }
        }
        List<Reading.Partition> partitions = new ArrayList<>();
        committed.forEach((tp, offset) -> {
            if (offset == null || !ends.containsKey(tp)) {
                return;
            }
            FirstRecords.First first = firsts.getOrDefault(tp, FirstRecords.First.UNKNOWN);
            partitions.add(new Reading.Partition(tp.topic(), tp.partition(), offset.offset(),
                    starts.getOrDefault(tp, 0L), ends.get(tp), first.timestamp(), first.drained(), owners.get(tp)));
        });
        String state = description == null ? "Unknown" : description.groupState().toString();
        int members = description == null ? 0 : description.members().size();
        return new Reading.Group(g, state, membership(description), members, partitions, error);
    }

    /** What the rules make of a description; null (not described) is {@link Membership#UNKNOWN}. */
    static Membership membership(ConsumerGroupDescription description) {
        if (description == null) {
            return Membership.UNKNOWN;
        }
        if (description.members().isEmpty()) {
            return Membership.EMPTY;
        }
        return switch (description.groupState()) {
            case STABLE -> Membership.STABLE;
            case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING -> Membership.REBALANCING;
            case EMPTY, DEAD -> Membership.EMPTY;
            default -> Membership.UNKNOWN;
        };
    }

    private Map<String, ConsumerGroupDescription> describe(List<RippleGroup> groups) {
        Map<String, ConsumerGroupDescription> described = new HashMap<>();
        if (groups.isEmpty()) {
            return described;
        }
        var futures = admin.describeConsumerGroups(groups.stream().map(RippleGroup::id).toList()).describedGroups();
        futures.forEach((id, future) -> {
            try {
                described.put(id, get(future));
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                // membership unknown: the group still gets its lag; STOP and STALL cannot be told apart
            }
        });
        return described;
    }

    private List<String> watchedTopics() throws Exception {
        String streams = config.topics().prefix() + ".stream.";
        return get(admin.listTopics().names()).stream().filter(t -> t.startsWith(streams)
                || t.startsWith(dlqPrefix())).sorted().toList();
    }

    private List<TopicOffsets> topicOffsets(List<String> watched, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends, Map<TopicPartition, Long> waiting) {
        String streams = config.topics().prefix() + ".stream.";
        List<TopicOffsets> topics = new ArrayList<>();
        for (String topic : watched) {
            long start = 0;
            long end = 0;
            long records = 0;
            for (var e : ends.entrySet()) {
                if (e.getKey().topic().equals(topic)) {
                    end += e.getValue();
                    start += starts.getOrDefault(e.getKey(), 0L);
                    records += waiting.getOrDefault(e.getKey(), 0L);
                }
            }
            boolean stream = topic.startsWith(streams);
            String name = topic.substring(stream ? streams.length() : dlqPrefix().length());
            topics.add(stream ? new TopicOffsets(topic, TopicOffsets.Kind.STREAM, name, start, end, end - start)
                    : new TopicOffsets(topic, TopicOffsets.Kind.DLQ, name, start, end, records));
        }
        return topics;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        for (TopicPartition tp : partitions) {
            try {
                offsets.put(tp, get(result.partitionResult(tp)).offset());
            } catch (ExecutionException e) {
                // a deleted topic or a partition without leader: it drops out of this sample
            }
        }
        return offsets;
    }

    private static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException,
            TimeoutException {
        return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
    }

    @Override
    public void close() {
        firstRecords.close();
        dlqDepths.close();
        admin.close(Duration.ofSeconds(2));
    }
}
