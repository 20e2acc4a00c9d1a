package dev.ripple.testsupport;

import dev.ripple.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Topic creation in tests, through {@link Topics#createAndAwait}: a test writes to a topic only once it takes writes. */
public final class TestTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestTopics() {}

    /**
     * Creates those of {@code topics} that do not exist, with {@code partitions} partitions, and waits up to 30 s
     * until all of them can be written.
     *
     * @throws IllegalStateException if the broker refuses or the topics are not writable in time
     */
    public static void create(String bootstrap, int partitions, String... topics) {
        create(bootstrap, partitions, Map.of(), topics);
    }

    /** As {@link #create(String, int, String...)}, creating missing topics with {@code configs}. */
    public static void create(String bootstrap, int partitions, Map<String, String> configs, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Topics.createAndAwait(admin, List.of(topics), partitions, configs, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating " + List.of(topics), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create " + List.of(topics) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Whether {@code topic} exists (a listing, which creates nothing). */
    public static boolean exists(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted listing the topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list the topics: " + e, e);
        }
    }

    /** How many partitions {@code topic} has. */
    public static int partitions(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted describing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe " + topic + ": " + e, e);
        }
    }
}
