package dev.ripple.propagator.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Streams' clients for an exactly-once propagator, whose stream threads never sleep through a commit that is due.
 *
 * <p>A stream thread commits only between polls, and a poll with nothing to fetch blocks for {@code poll.ms}
 * whatever the commit interval says. An output written just after a commit therefore waited in the open
 * transaction, invisible to read-committed appliers and purgers, until the interval had passed <em>and</em> a poll
 * had ended: up to a whole {@code poll.ms} late. Here each stream thread's producer notes its first send after a
 * commit, and until the transaction commits or aborts its consumer polls no longer than until the commit is due
 * (the interval after the last commit); the thread wakes, and Streams commits on its timer. With nothing
 * uncommitted it polls for the whole {@code poll.ms}, so a short commit interval costs an idle propagator nothing.
 *
 * <p>Under exactly-once v2 a stream thread's one producer sends, commits and polls on that thread, so the state is
 * the thread's own. Thread-safe.
 */
final class OnTimeCommits implements KafkaClientSupplier {
    /** Stateless, so one each serves every client. */
    private static final ByteArrayDeserializer BYTES_IN = new ByteArrayDeserializer();
    private static final ByteArraySerializer BYTES_OUT = new ByteArraySerializer();
    private final long intervalMs;
    private final Clock clock;
    private final ThreadLocal<OpenTransaction> threads;

    /**
     * @param commitInterval the stream threads' {@code commit.interval.ms}
     * @param clock the clock the polls are timed by
     */
    OnTimeCommits(Duration commitInterval, Clock clock) {
        this.intervalMs = commitInterval.toMillis();
        this.clock = clock;
        this.threads = ThreadLocal.withInitial(() -> new OpenTransaction(clock.millis()));
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, BYTES_OUT, BYTES_OUT) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                threads.get().written();
                return super.send(record, callback);
            }

            @Override
            public void commitTransaction() {
                super.commitTransaction();
                threads.get().closed(clock.millis());
            }

            @Override
            public void abortTransaction() {
                super.abortTransaction();
                threads.get().closed(clock.millis());
            }
        };
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, BYTES_IN, BYTES_IN) {
            @Override
            public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
                return super.poll(threads.get().pollFor(timeout, clock.millis(), intervalMs));
            }
        };
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, BYTES_IN, BYTES_IN);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, BYTES_IN, BYTES_IN);
    }

    /** One stream thread's transaction: whether it holds outputs, and when the last one closed. */
    static final class OpenTransaction {
        /** How long past the due time polls stay short, for Streams' own timer, started just after ours. */
        static final long GRACE_MS = 5;
        private long closedAtMs;
        private boolean open;

        OpenTransaction(long nowMs) {
            this.closedAtMs = nowMs;
        }

        void written() {
            open = true;
        }

        void closed(long nowMs) {
            open = false;
            closedAtMs = nowMs;
        }

        /**
         * How long the next poll may block: {@code timeout}, or while outputs are uncommitted, no longer than until
         * the commit is due, then 1 ms at a time for {@link #GRACE_MS}. If Streams has still not committed (nothing
         * of its tasks needed it), the transaction is left to the next commit and polls are whole again.
         */
        Duration pollFor(Duration timeout, long nowMs, long intervalMs) {
            if (!open) {
                return timeout;
            }
            long dueMs = closedAtMs + intervalMs + 1; // Streams commits once strictly more than the interval passed
            long left = nowMs < dueMs ? dueMs - nowMs : (nowMs < dueMs + GRACE_MS ? 1 : -1);
            if (left < 0) {
                open = false;
                return timeout;
            }
            return left < timeout.toMillis() ? Duration.ofMillis(left) : timeout;
        }
    }
}
