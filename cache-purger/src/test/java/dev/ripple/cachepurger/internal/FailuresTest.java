package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void shouldWaitForATargetThatDoesNotAnswer() {
        assertThat(Failures.classify(new CompletionException(new ConnectException("refused"))))
                .isEqualTo(Failures.Kind.UNAVAILABLE);
        assertThat(Failures.classify(new HttpTimeoutException("timed out"))).isEqualTo(Failures.Kind.UNAVAILABLE);
        assertThat(Failures.classify(new RedisConnectionException("down"))).isEqualTo(Failures.Kind.UNAVAILABLE);
        assertThat(Failures.classify(new RedisCommandExecutionException("LOADING Redis is loading")))
                .isEqualTo(Failures.Kind.UNAVAILABLE);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 503)))
                .isEqualTo(Failures.Kind.UNAVAILABLE);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 429)))
                .isEqualTo(Failures.Kind.UNAVAILABLE);
    }

    @Test
    void shouldRetryAnErrorAFewTimesAndRefuseWhatTheTargetRefused() {
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 500))).isEqualTo(Failures.Kind.FAILED);
        assertThat(Failures.classify(new IllegalStateException("bug"))).isEqualTo(Failures.Kind.FAILED);
        assertThat(Failures.classify(TargetException.status("cdn", "http://cp1", 405)))
                .isEqualTo(Failures.Kind.REFUSED);
        assertThat(Failures.classify(new RedisCommandExecutionException("WRONGTYPE Operation against a key")))
                .isEqualTo(Failures.Kind.REFUSED);
        assertThat(Failures.describe(new CompletionException(TargetException.refused("cache", "WRONGTYPE"))))
                .isEqualTo("Target cache refused the purge: WRONGTYPE");
    }
}
