package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void shouldNotHoldTheProbersOwnFailuresAgainstTheTarget() {
        Check noFiles = Check.failedLook(Hop.READ_API, "no answer from http://eqiad",
                new CompletionException(new IOException("Too many open files")));
        Check noPorts = Check.failedLook(Hop.READ_API, "no answer", new BindException("Cannot assign requested address"));

        assertThat(noFiles.verdict()).isEqualTo(Check.Verdict.UNJUDGED);
        assertThat(noFiles.observed()).isEqualTo("no answer from http://eqiad: IOException Too many open files");
        assertThat(noFiles.hop()).isNull();
        assertThat(noPorts.verdict()).isEqualTo(Check.Verdict.UNJUDGED);
    }

    @Test
    void shouldCountATargetThatDoesNotAnswerInTimeOrRefusesAsNotServing() {
        Check timedOut = Check.failedLook(Hop.READ_API, "no answer", new CompletionException(
                new HttpTimeoutException("request timed out")));
        Check refused = Check.failedLook(Hop.CACHE_READ, "no answer", new ConnectException());

        assertThat(timedOut.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(timedOut.hop()).isEqualTo(Hop.READ_API);
        assertThat(timedOut.observed()).isEqualTo("no answer: HttpTimeoutException request timed out");
        assertThat(refused.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(refused.observed()).isEqualTo("no answer: ConnectException");
    }
}
