package dev.ripple.runtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a renamed consumer group's committed offsets over, so a part upgraded to {@link ConsumerGroups}' scheme
 * resumes where it stopped instead of reading its topic from the beginning. Stateless; thread-safe.
 */
public final class GroupOffsets {
    private static final Logger log = LoggerFactory.getLogger(GroupOffsets.class);

    private GroupOffsets() {}

    /**
     * If {@code group} has no committed offsets and {@code legacyGroup} has, commits the legacy group's offsets to
     * {@code group} and logs it at INFO. Call it before the part subscribes ({@code group} must have no members).
     * The legacy group is left as it is; delete it once the upgrade is done.
     *
     * @return whether offsets were copied
     * @throws KafkaSetupException if Kafka refuses or does not answer within {@code timeout}
     */
    public static boolean adoptLegacy(Admin admin, String group, String legacyGroup, Duration timeout) {
        try {
            if (!committed(admin, group, timeout).isEmpty()) {
                return false;
            }
            Map<TopicPartition, OffsetAndMetadata> legacy = committed(admin, legacyGroup, timeout);
            if (legacy.isEmpty()) {
                return false;
            }
            admin.alterConsumerGroupOffsets(group, legacy).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Consumer group {} starts from the offsets of its former name {} ({} partitions); delete {} "
                    + "once every instance runs the new version", group, legacyGroup, legacy.size(), legacyGroup);
            return true;
        } catch (ExecutionException e) {
            throw new KafkaSetupException("Kafka refused to copy the offsets of consumer group " + legacyGroup
                    + " to " + group + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaSetupException("Kafka did not answer within " + timeout.toSeconds() + " s while copying "
                    + "the offsets of consumer group " + legacyGroup + " to " + group + "; is it reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("Interrupted while copying the offsets of " + legacyGroup, e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        offsets.values().removeIf(Objects::isNull);
        return offsets;
    }
}
