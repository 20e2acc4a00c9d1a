package dev.ripple.bench.faults;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * When the stack has recovered from a fault: every session of the load had a write acknowledged and read back with
 * its token, both after the fault was cleared, and, when the fault took a consumer group's member, the group's
 * surviving members own every partition of the topics it consumed before.
 */
final class Recovery {
    private static final Duration POLL = Duration.ofMillis(100);

    private Recovery() {}

    /**
     * Waits for recovery from a fault cleared at {@code clearedMs} (the clock's milliseconds).
     *
     * @param group the consumer group that lost a member, or null
     * @param topics the topics {@code group} consumed before the fault (ignored without a group)
     * @param members how many members the group has once the dead one is gone
     * @return the time from {@code clearedMs} to recovery, or null if it did not recover by {@code clearedMs +
     *     timeout}
     */
    static Duration await(SessionLoad load, Admin admin, String group, Set<String> topics, int members,
            long clearedMs, Duration timeout, Clock clock) throws InterruptedException {
        long[] ownedAt = {group == null ? clearedMs : -1};
        long[] recoveredAt = {-1};
        boolean recovered = Waits.until(() -> {
            if (ownedAt[0] < 0 && ownsAll(admin, group, topics, members)) {
                ownedAt[0] = clock.millis();
            }
            OptionalLong roundTrips = load.roundTripsSince(clearedMs);
            if (ownedAt[0] >= 0 && roundTrips.isPresent()) {
                recoveredAt[0] = Math.max(ownedAt[0], roundTrips.getAsLong());
                return true;
            }
            return false;
        }, POLL, Duration.ofMillis(clearedMs + timeout.toMillis() - clock.millis()), clock);
        return recovered ? Duration.ofMillis(recoveredAt[0] - clearedMs) : null;
    }

    /** The topics {@code group}'s members are assigned now; empty if it cannot tell. */
    static Set<String> topicsOf(Admin admin, String group) throws InterruptedException {
        Set<String> topics = new HashSet<>();
        try {
            describe(admin, group).members().forEach(m -> m.assignment().topicPartitions()
                    .forEach(p -> topics.add(p.topic())));
        } catch (ExecutionException | TimeoutException e) {
            // no group description: recovery then waits for the load alone
        }
        return topics;
    }

    /** Whether {@code group} has {@code members} members, which together own every partition of {@code topics}. */
    static boolean ownsAll(Admin admin, String group, Set<String> topics, int members)
            throws InterruptedException {
        try {
            ConsumerGroupDescription description = describe(admin, group);
            if (description.members().size() != members) {
                return false;
            }
            Set<TopicPartition> owned = new HashSet<>();
            for (MemberDescription member : description.members()) {
                owned.addAll(member.assignment().topicPartitions());
            }
            List<TopicPartition> all = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).forEach((topic, info) ->
                    info.partitions().forEach(p -> all.add(new TopicPartition(topic, p.partition()))));
            return owned.containsAll(all);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
    }

    /** The consumer group of a part instance as the listing names it ({@code replica eqiad #2}); null if none. */
    static String groupOf(String part) {
        String[] words = part.replaceAll(" #\\d+$", "").split(" ");
        return switch (words[0]) {
            case "replica", "purger" -> words.length > 1 ? "ripple-" + words[0] + "-" + words[1] : null;
            case "propagator" -> "ripple-propagator";
            default -> null;
        };
    }
}
