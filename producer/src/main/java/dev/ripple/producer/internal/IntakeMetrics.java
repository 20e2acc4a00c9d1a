package dev.ripple.producer.internal;

import dev.ripple.producer.BatchResult;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.IntakeLimits;
import dev.ripple.producer.IntakeMetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The intake's meters. Until bound to a registry they count into a private one, so nothing is lost. Each meter is
 * looked up in its registry once and then kept (a registry lookup builds and hashes an id: a cost per request).
 */
final class IntakeMetrics implements MeterBinder {
    private final IntakeConfig config;
    private volatile Meters meters = new Meters(new SimpleMeterRegistry());
    private volatile IntSupplier retryIds = () -> 0;

    /** The meters registered in one registry so far, by name and tag value. */
    private record Meters(MeterRegistry registry, Map<String, Map<String, Meter>> byName) {
        Meters(MeterRegistry registry) {
            this(registry, new ConcurrentHashMap<>());
        }

        @SuppressWarnings("unchecked")
        <M extends Meter> M get(String name, String tag, Function<MeterRegistry, M> register) {
            return (M) byName.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                    .computeIfAbsent(tag, t -> register.apply(registry));
        }
    }

    IntakeMetrics(IntakeConfig config) {
        this.config = config;
    }

    /** Reports {@code ids} as {@link IntakeMetricNames#RETRY_IDS}; call before {@link #bindTo}. */
    void countRetryIds(IntSupplier ids) {
        retryIds = ids;
    }

    @Override
    public void bindTo(MeterRegistry target) {
        IntakeLimits limits = config.limits();
        gauge(target, "max_body_bytes", limits.maxBodyBytes(), "bytes");
        gauge(target, "max_batch_events", limits.maxBatchEvents(), null);
        gauge(target, "max_json_depth", limits.maxJsonDepth(), null);
        gauge(target, "max_number_chars", limits.maxNumberChars(), null);
        gauge(target, "failed_auths", limits.failedAuthBurst(), null);
        gauge(target, "publish_timeout", config.publishTimeout().toMillis() / 1000.0, "seconds");
        gauge(target, "max_retry_ids", config.retries().maxIds(), null);
        Gauge.builder(IntakeMetricNames.RETRY_IDS, this, m -> m.retryIds.getAsInt())
                .description("Client meta.ids remembered for recognising retries").register(target);
        meters = new Meters(target);
    }

    private static void gauge(MeterRegistry target, String limit, double value, String unit) {
        Gauge.builder(IntakeMetricNames.LIMIT, () -> value).tag("limit", label(limit)).baseUnit(unit)
                .description("A configured limit of the intake, by the limit's config key (without a unit suffix)")
                .register(target);
    }

    /**
     * The {@code limit} tag of a limit's config key: the key without a unit suffix ({@code max_body_bytes} is
     * {@code max_body}), since the unit belongs in the meter's name ({@code ripple_intake_limit_bytes}).
     */
    static String label(String configKey) {
        return configKey.replaceFirst("_(bytes|ms|seconds)$", "");
    }

    void authFailed(String reason) {
        counter(IntakeMetricNames.AUTH_FAILURES, reason, r -> Counter.builder(IntakeMetricNames.AUTH_FAILURES)
                .tag("reason", reason).description("Failed producer authentications, by reason").register(r))
                .increment();
    }

    void tokenHashed() {
        counter(IntakeMetricNames.TOKEN_HASHES, "", r -> Counter.builder(IntakeMetricNames.TOKEN_HASHES)
                .description("Producer token hashes computed (PBKDF2), at most one per request").register(r))
                .increment();
    }

    /** One event Kafka acknowledged: counted when acknowledged, once, however many retries are answered with it. */
    void acknowledged() {
        counter(IntakeMetricNames.EVENTS_PUBLISHED, "", r -> Counter.builder(IntakeMetricNames.EVENTS_PUBLISHED)
                .description("Events acknowledged by Kafka").register(r)).increment();
    }

    /** The events of a request that were not written (503, 409, …), each by its status. */
    void notWritten(BatchResult result) {
        result.outcomes().stream().filter(o -> o instanceof BatchResult.Outcome.Failed)
                .forEach(o -> refusedWith(IntakeReply.statusOf((BatchResult.Outcome.Failed) o), 1));
    }

    void refused(List<Prepared.Invalid> invalid) {
        invalid.forEach(i -> refusedWith(i.status(), 1));
    }

    void rateLimited(int events) {
        refusedWith(429, events);
    }

    void throttled(int events) {
        refusedWith(429, events);
    }

    void hastyOutcome(BatchResult result, Throwable error) {
        if (error != null) {
            hastyFailed().increment();
            return;
        }
        notWritten(result);
        long failed = result.outcomes().stream().filter(o -> o instanceof BatchResult.Outcome.Failed).count();
        hastyFailed().increment(failed);
    }

    void body(long bytes) {
        DistributionSummary summary = meters.get(IntakeMetricNames.BODY_BYTES, "", r -> DistributionSummary
                .builder(IntakeMetricNames.BODY_BYTES).baseUnit("bytes").description("Request body sizes")
                .register(r));
        summary.record(bytes);
    }

    void deduplicated() {
        counter(IntakeMetricNames.RETRIES_DEDUPLICATED, "", r -> Counter.builder(IntakeMetricNames.RETRIES_DEDUPLICATED)
                .description("Events answered with the outcome of an earlier publish of the same meta.id")
                .register(r)).increment();
    }

    /** A retry of a write Kafka never answered, by what the look for it found. */
    void uncertainWrite(UncertainWrites.Verdict verdict) {
        String found = verdict instanceof UncertainWrites.Verdict.Written ? "written"
                : verdict instanceof UncertainWrites.Verdict.NotWritten ? "not_written" : "unknown";
        counter(IntakeMetricNames.UNCERTAIN_WRITES, found, r -> Counter.builder(IntakeMetricNames.UNCERTAIN_WRITES)
                .tag("found", found).description("Retries of writes Kafka never answered, by what a look in their "
                        + "partition found").register(r)).increment();
    }

    void limitHit(String limit) {
        counter(IntakeMetricNames.LIMIT_HITS, limit, r -> Counter.builder(IntakeMetricNames.LIMIT_HITS)
                .tag("limit", label(limit)).description("Requests refused, or ids forgotten, because they hit a limit")
                .register(r)).increment();
    }

    private void refusedWith(int status, double events) {
        String tag = Integer.toString(status);
        counter(IntakeMetricNames.EVENTS_REFUSED, tag, r -> Counter.builder(IntakeMetricNames.EVENTS_REFUSED)
                .tag("status", tag).description("Events refused, by HTTP status").register(r)).increment(events);
    }

    private Counter hastyFailed() {
        return counter(IntakeMetricNames.HASTY_FAILED, "", r -> Counter.builder(IntakeMetricNames.HASTY_FAILED)
                .description("Fire-and-forget events Kafka did not take, after their producer was answered 202")
                .register(r));
    }

    private Counter counter(String name, String tag, Function<MeterRegistry, Counter> register) {
        return meters.get(name, tag, register);
    }
}
