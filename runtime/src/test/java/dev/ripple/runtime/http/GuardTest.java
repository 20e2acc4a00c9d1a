package dev.ripple.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.runtime.failure.BreakerOpenException;
import dev.ripple.runtime.failure.GaveUpException;
import dev.ripple.runtime.failure.TargetException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardTest {
    private static final TargetPolicy FAST = TargetPolicy.defaults().withBackoff(Duration.ofMillis(1),
            Duration.ofMillis(20)).withOpenWait(Duration.ofMillis(100));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final GuardListener listener = new GuardListener() {
        @Override
        public void waited(String target, String reason) {
            counts.computeIfAbsent("wait:" + reason, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void called(String target, String outcome) {
            counts.computeIfAbsent("call:" + outcome, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void breakerChanged(String target, BreakerState from, BreakerState to) {
            transitions.add(from + "->" + to);
        }
    };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldRetryACallTheTargetDidNotAnswerUntilItDoes() {
        // given a target that refuses connections three times
        Guard guard = guard(FAST, 16, null);
        AtomicInteger attempts = new AtomicInteger();

        // when a call goes through the guard
        CompletableFuture<String> result = guard.call(1, () -> attempts.incrementAndGet() <= 3
                ? CompletableFuture.failedFuture(new ConnectException("refused")) : CompletableFuture.completedFuture("ok"));

        // then it succeeds on the fourth attempt, three retries counted
        assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("ok");
        assertThat(attempts).hasValue(4);
        assertThat(calls("retried")).isEqualTo(3);
    }

    @Test
    void shouldGiveUpOnATargetThatKeepsAnsweringWithAnErrorAfterMaxAttempts() {
        // given a breaker that needs more calls than one call's attempts to judge
        TargetPolicy policy = new TargetPolicy(3, Duration.ofMillis(1), 2, 0.5, Duration.ofMillis(5), 50, 20, 10,
                Duration.ofSeconds(1), 3);
        Guard guard = guard(policy, 16, null);
        AtomicInteger attempts = new AtomicInteger();

        CompletableFuture<String> result = guard.call(1, () -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(TargetException.status("cdn", "http://cp1", 500));
        });

        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(GaveUpException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("gave up after 3 attempt(s)", "answered 500");
                });
        assertThat(attempts).hasValue(3);
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void shouldGiveUpAtOnceOnAPurgeTheTargetRefusesWithoutTrippingTheBreaker() {
        Guard guard = guard(FAST.withMaxAttempts(5), 16, null);
        AtomicInteger attempts = new AtomicInteger();

        for (int i = 0; i < 20; i++) {
            CompletableFuture<String> result = guard.call(1, () -> {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(TargetException.status("cdn", "http://cp1", 405));
            });
            assertThat(result).failsWithin(Duration.ofSeconds(5));
        }

        assertThat(attempts).hasValue(20);
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(calls("rejected")).isEqualTo(20);
    }

    @Test
    void shouldOpenTheBreakerWhileTheTargetIsDownAndCloseItWhenTheTargetAnswersAgain() {
        // given a target that is down
        Guard guard = guard(FAST, 16, null);
        AtomicBoolean down = new AtomicBoolean(true);
        List<CompletableFuture<String>> results = new CopyOnWriteArrayList<>();

        // when calls keep failing
        for (int i = 0; i < 5; i++) {
            results.add(guard.call(1, () -> down.get() ? CompletableFuture.failedFuture(new ConnectException("down"))
                    : CompletableFuture.completedFuture("ok")));
        }

        // then the breaker opens, and no call is given up however long it lasts
        await().atMost(Duration.ofSeconds(5)).until(() -> transitions.contains("CLOSED->OPEN"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> results.stream().noneMatch(CompletableFuture::isDone));

        // and once the target is back every call succeeds and the breaker closes
        down.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> results.stream().allMatch(r -> r.isDone()
                && !r.isCompletedExceptionally()));
        await().atMost(Duration.ofSeconds(5)).until(() -> guard.state() == BreakerState.CLOSED);
        assertThat(transitions).contains("OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(waits("breaker_open")).isPositive();
    }

    @Test
    void shouldKeepNoMoreCallsInFlightThanTheBulkheadAllows() {
        // given a bulkhead of 2 and calls that finish only when told
        Guard guard = guard(FAST, 2, null);
        List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        // when 10 calls are made
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(guard.call(1, () -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<String> answer = new CompletableFuture<>();
                pending.add(answer);
                return answer.whenComplete((v, e) -> inFlight.decrementAndGet());
            }));
        }

        // then answering them one by one lets the rest through, never more than 2 at a time
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            pending.forEach(p -> p.complete("ok"));
            return results.stream().allMatch(CompletableFuture::isDone);
        });
        assertThat(most).hasValue(2);
        assertThat(waits("bulkhead_full")).isPositive();
    }

    @Test
    void shouldSpreadCallsOutToTheRateLimit() {
        Guard guard = guard(FAST, 16, 50.0);

        long start = System.nanoTime();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(guard.call(1, () -> CompletableFuture.completedFuture("ok")));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();

        // 20 permits at 50 a second take at least about 0.38 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
        assertThat(waits("rate_limited")).isPositive();
    }

    @Test
    void shouldFailFastWhileTheBreakerIsOpenWhenAskedNotToWait() {
        // given a fail-fast guard whose target is down
        Guard guard = Guard.create("replica", FAST.withMaxAttempts(2), GuardOptions.failingFast(4),
                Clock.systemUTC(), scheduler, listener);
        AtomicInteger attempts = new AtomicInteger();

        // when calls keep failing, each is given up after its attempts, until the breaker opens
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            CompletableFuture<String> result = guard.call(1, () -> {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new ConnectException("down"));
            });
            assertThat(result).failsWithin(Duration.ofSeconds(5));
            return guard.state() == BreakerState.OPEN;
        });

        // then the next call fails at once without an attempt
        int before = attempts.get();
        assertThat(guard.call(1, () -> CompletableFuture.completedFuture("ok"))).failsWithin(Duration.ofSeconds(1))
                .withThrowableThat().havingCause().isInstanceOf(BreakerOpenException.class);
        assertThat(attempts).hasValue(before);
    }

    @Test
    void shouldNotRetryAFatalFailure() {
        Guard guard = guard(FAST, 16, null);
        AtomicInteger attempts = new AtomicInteger();

        CompletableFuture<String> result = guard.call(1, () -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("bug"));
        });

        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(GaveUpException.class);
        assertThat(attempts).hasValue(1);
    }

    private Guard guard(TargetPolicy policy, int maxConcurrent, Double rate) {
        return Guard.create("cache", policy, GuardOptions.waiting(maxConcurrent, rate), Clock.systemUTC(),
                scheduler, listener);
    }

    private int calls(String outcome) {
        AtomicInteger count = counts.get("call:" + outcome);
        return count == null ? 0 : count.get();
    }

    private int waits(String reason) {
        AtomicInteger count = counts.get("wait:" + reason);
        return count == null ? 0 : count.get();
    }
}
