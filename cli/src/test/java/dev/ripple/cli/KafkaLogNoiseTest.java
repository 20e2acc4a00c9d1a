package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaLogNoiseTest {
    private static final String PRODUCER = "[Producer clientId=ripple-propagator-1-StreamThread-1-producer, "
            + "transactionalId=ripple-propagator-1-1] ";
    private static final String RETRY = PRODUCER + "Got error produce response with correlation id {} on "
            + "topic-partition {}, retrying ({} attempts left). Error: {}";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();

    @BeforeEach
    void logThroughTheFilter() {
        KafkaLogNoise filter = new KafkaLogNoise();
        filter.start();
        context.addTurboFilter(filter);
        written.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(written);
    }

    @Test
    void shouldDropTheProducersRetriesOfTransactionsV2AndKeepItsOtherRetries() {
        Logger sender = context.getLogger(KafkaLogNoise.SENDER);

        sender.warn(RETRY, 37, "ripple.conit-log-0", 2147483646, "CONCURRENT_TRANSACTIONS");
        sender.warn(RETRY, 38, "ripple.conit-log-0", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        sender.warn(RETRY, 39, "ripple.purge.eqiad-4", 2147483646, "NOT_LEADER_OR_FOLLOWER");
        sender.error(PRODUCER + "Uncaught error in kafka producer I/O thread: ", new IllegalStateException("x"));

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                PRODUCER + "Got error produce response with correlation id 39 on topic-partition ripple.purge.eqiad-4, "
                        + "retrying (2147483646 attempts left). Error: NOT_LEADER_OR_FOLLOWER",
                PRODUCER + "Uncaught error in kafka producer I/O thread: ");
    }

    @Test
    void shouldDropTheBrokersOutOfOrderSequenceAndKeepItsOtherAppendErrors() {
        Logger replicaManager = context.getLogger(KafkaLogNoise.REPLICA_MANAGER);
        String append = "[ReplicaManager broker=1] Error processing append operation on partition ripple.conit-log-0";

        replicaManager.error(append, new OutOfOrderSequenceException("Invalid sequence number for producer 3 at "
                + "offset 17 in partition ripple.conit-log-0: 1 (incoming seq. number). Expected sequence 0 for "
                + "transactions v2 idempotent producer with no existing state."));
        replicaManager.error(append, new KafkaStorageException("disk gone"));

        assertThat(written.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(KafkaStorageException.class.getName());
        });
    }

    @Test
    void shouldDropOnlyTheDoubleCloseOfTheNetworkClient() {
        Logger networkClient = context.getLogger(KafkaLogNoise.NETWORK_CLIENT);

        networkClient.warn("[NodeToControllerChannelManager id=1 name=registration] Attempting to close "
                + "NetworkClient that has already been closed.");
        networkClient.warn("[AdminClient clientId=ripple-ops] Connection to node -1 (/127.0.0.1:9092) could not be "
                + "established. Node may not be available.");

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains("could not be established");
    }

    @Test
    void shouldLeaveEveryOtherLoggerAndLevelToTheLevels() {
        context.getLogger("dev.ripple.cli.up.RippleUp").warn("Error: CONCURRENT_TRANSACTIONS, retrying (1)");
        context.getLogger(KafkaLogNoise.SENDER).info(RETRY, 1, "t-0", 1, "CONCURRENT_TRANSACTIONS");
        context.getLogger(KafkaLogNoise.SENDER).debug(RETRY, 1, "t-0", 1, "CONCURRENT_TRANSACTIONS");

        assertThat(written.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    }
}
