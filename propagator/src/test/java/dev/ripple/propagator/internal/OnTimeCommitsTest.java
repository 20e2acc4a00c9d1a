package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.propagator.internal.OnTimeCommits.OpenTransaction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnTimeCommitsTest {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long INTERVAL = 10;

    @Test
    void shouldPollWholeWhileNothingIsUncommitted() {
        OpenTransaction transaction = new OpenTransaction(1_000);

        assertThat(transaction.pollFor(POLL, 1_003, INTERVAL)).isEqualTo(POLL);
        transaction.written();
        transaction.closed(1_004);
        assertThat(transaction.pollFor(POLL, 1_005, INTERVAL)).isEqualTo(POLL);
    }

    @Test
    void shouldWakeWhenTheCommitAfterTheLastOneIsDue() {
        OpenTransaction transaction = new OpenTransaction(1_000);
        transaction.written();

        assertThat(transaction.pollFor(POLL, 1_003, INTERVAL)).isEqualTo(Duration.ofMillis(8));
        assertThat(transaction.pollFor(Duration.ofMillis(5), 1_003, INTERVAL)).isEqualTo(Duration.ofMillis(5));
        transaction.closed(1_011);
        transaction.written();
        assertThat(transaction.pollFor(POLL, 1_012, INTERVAL)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void shouldPollAMillisecondAtATimeJustPastTheDueTimeThenGiveUpUntilTheNextWrite() {
        OpenTransaction transaction = new OpenTransaction(1_000);
        transaction.written();

        assertThat(transaction.pollFor(POLL, 1_011, INTERVAL)).isEqualTo(Duration.ofMillis(1));
        assertThat(transaction.pollFor(POLL, 1_015, INTERVAL)).isEqualTo(Duration.ofMillis(1));
        assertThat(transaction.pollFor(POLL, 1_016, INTERVAL)).isEqualTo(POLL); // Streams had nothing to commit
        assertThat(transaction.pollFor(POLL, 1_017, INTERVAL)).isEqualTo(POLL);
        transaction.written();
        assertThat(transaction.pollFor(POLL, 1_017, INTERVAL)).isEqualTo(POLL); // long past due: the loop commits
    }
}
