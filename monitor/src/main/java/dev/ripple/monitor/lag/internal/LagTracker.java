package dev.ripple.monitor.lag.internal;

import dev.ripple.monitor.lag.GroupLag;
import dev.ripple.monitor.lag.LagPoint;
import dev.ripple.monitor.lag.LagRules;
import dev.ripple.monitor.lag.LagSnapshot;
import dev.ripple.monitor.lag.LagStatus;
import dev.ripple.monitor.lag.Membership;
import dev.ripple.monitor.lag.PartitionLag;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns readings into snapshots: keeps each partition's sliding window of samples, applies {@link LagRules},
 * and keeps a bounded history per group. Pure (time comes with each reading); thread-safe.
 */
final class LagTracker {
    private final int windowSize;
    private final int historySize;
    private final Map<String, Deque<LagRules.Sample>> windows = new HashMap<>();
    private final Map<String, Deque<LagPoint>> history = new HashMap<>();

    LagTracker(int windowSize, int historySize) {
        this.windowSize = windowSize;
        this.historySize = historySize;
    }

    synchronized LagSnapshot record(Reading reading, Instant now) {
        Set<String> seenPartitions = new HashSet<>();
        List<GroupLag> groups = new ArrayList<>();
        for (Reading.Group group : reading.groups()) {
            List<PartitionLag> partitions = new ArrayList<>();
            for (Reading.Partition p : group.partitions()) {
                String key = group.group().id() + "|" + p.topic() + "|" + p.partition();
                seenPartitions.add(key);
                partitions.add(partition(key, p, group.membership(), group.error(), now));
            }
            partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
            GroupLag lag = group(group, partitions);
            groups.add(lag);
            Deque<LagPoint> points = history.computeIfAbsent(group.group().id(), id -> new ArrayDeque<>());
            points.addLast(new LagPoint(now, lag.lag(), lag.timeLagMs(), lag.status()));
            while (points.size() > historySize) {
                points.removeFirst();
            }
        }
        windows.keySet().retainAll(seenPartitions);
        Set<String> seenGroups = new HashSet<>();
        groups.forEach(g -> seenGroups.add(g.group().id()));
        history.keySet().retainAll(seenGroups);
        groups.sort(Comparator.comparing(g -> g.group().id()));
        return new LagSnapshot(now, groups, reading.topics(), null);
    }

    synchronized List<LagPoint> history(String groupId) {
        Deque<LagPoint> points = history.get(groupId);
        return points == null ? List.of() : List.copyOf(points);
    }

    private PartitionLag partition(String key, Reading.Partition p, Membership membership, String groupError,
            Instant now) {
        long lag = p.drained() ? 0 : Math.max(0, p.end() - p.committed());
        boolean timeKnown = lag == 0 || p.firstTimestamp() >= 0;
        long timeLag = lag == 0 || p.firstTimestamp() < 0 ? 0 : Math.max(0, now.toEpochMilli() - p.firstTimestamp());
        Deque<LagRules.Sample> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        window.addLast(new LagRules.Sample(now, p.committed(), p.logStart(), lag, p.owner() != null, membership,
                groupError));
        while (window.size() > windowSize) {
            window.removeFirst();
        }
        LagRules.Verdict verdict = LagRules.evaluate(List.copyOf(window), windowSize);
        String reason = timeKnown ? verdict.reason()
                : verdict.reason() + " (time lag unknown: the first unconsumed record was not read in time)";
        return new PartitionLag(p.topic(), p.partition(), p.committed(), p.end(), lag, timeLag, p.owner(),
                verdict.status(), reason);
    }

    private static GroupLag group(Reading.Group group, List<PartitionLag> partitions) {
        long lag = partitions.stream().mapToLong(PartitionLag::lag).sum();
        long timeLag = partitions.stream().mapToLong(PartitionLag::timeLagMs).max().orElse(0);
        if (group.error() != null && partitions.isEmpty()) {
            return new GroupLag(group.group(), group.state(), group.members(), LagStatus.ERR, group.error(), lag,
                    timeLag, partitions);
        }
        LagStatus worst = LagStatus.worst(partitions.stream().map(PartitionLag::status).toList());
        String reason = partitions.isEmpty() ? "no committed offsets yet"
                : worst == LagStatus.OK ? "all " + partitions.size() + " partitions OK"
                : partitions.stream().filter(p -> p.status() == worst).findFirst()
                        .map(p -> p.topic() + "-" + p.partition() + ": " + p.reason()).orElseThrow();
        return new GroupLag(group.group(), group.state(), group.members(), worst, reason, lag, timeLag, partitions);
    }
}
