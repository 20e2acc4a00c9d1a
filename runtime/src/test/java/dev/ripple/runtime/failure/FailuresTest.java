package dev.ripple.runtime.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void shouldRetryATargetThatDoesNotAnswer() {
        assertThat(Failures.classify(new CompletionException(new ConnectException("refused"))))
                .isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.classify(new HttpTimeoutException("timed out"))).isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.classify(new RedisConnectionException("down"))).isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.classify(new RedisCommandExecutionException("LOADING Redis is loading")))
                .isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 503)))
                .isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 429)))
                .isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.isUnavailable(new CompletionException(new ConnectException("refused")))).isTrue();
        assertThat(Failures.isUnavailable(TargetException.status("cdn", "http://cp1", 503))).isTrue();
        assertThat(Failures.classify(new BreakerOpenException("cdn"))).isEqualTo(FailureKind.RETRIABLE);
    }

    @Test
    void shouldRetryAnErrorAFewTimesRefuseWhatTheTargetRefusedAndCallABugFatal() {
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 500)))
                .isEqualTo(FailureKind.RETRIABLE);
        assertThat(Failures.isUnavailable(TargetException.status("cdn", "http://cp1", 500))).isFalse();
        assertThat(Failures.classify(new IllegalStateException("bug"))).isEqualTo(FailureKind.FATAL);
        assertThat(Failures.classify(new GaveUpException("cdn", 1, new IllegalStateException("bug"))))
                .isEqualTo(FailureKind.FATAL);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 400)))
                .isEqualTo(FailureKind.REFUSED);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 405)))
                .isEqualTo(FailureKind.REFUSED);
        assertThat(Failures.classify(new RedisCommandExecutionException("WRONGTYPE Operation against a key")))
                .isEqualTo(FailureKind.REFUSED);
        assertThat(Failures.describe(new CompletionException(TargetException.refused("cache", "WRONGTYPE"))))
                .isEqualTo("Target cache refused the purge: WRONGTYPE");
    }
}
