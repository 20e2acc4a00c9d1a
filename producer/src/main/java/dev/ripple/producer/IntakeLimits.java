package dev.ripple.producer;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * What one client may make the intake read, parse and try. Each is reported as a gauge
 * {@link IntakeMetricNames#LIMIT} and counted in {@link IntakeMetricNames#LIMIT_HITS} when hit. Immutable.
 *
 * @param maxBodyBytes largest request body, in bytes, after gzip decoding; larger is a 413 (the one body limit: the
 *     intake reads the body itself, so Jetty's and Javalin's own defaults do not apply)
 * @param maxBatchEvents most events in one request; more is a 413
 * @param maxJsonDepth deepest nesting of arrays and objects in a body; deeper is a 400
 * @param maxNumberChars longest number literal, in characters; longer is a 400
 * @param failedAuthBurst failed producer authentications one client address may make at once before 429s
 * @param failedAuthPeriod how often one more failed authentication is allowed after the burst
 */
public record IntakeLimits(long maxBodyBytes, int maxBatchEvents, int maxJsonDepth, int maxNumberChars,
        int failedAuthBurst, Duration failedAuthPeriod) {

    public IntakeLimits {
        Checks.atLeast(maxBodyBytes, "maxBodyBytes", 1024);
        Checks.atLeast(maxBatchEvents, "maxBatchEvents", 1);
        Checks.require(maxJsonDepth >= 4 && maxJsonDepth <= 1000, "maxJsonDepth", maxJsonDepth,
                "must be 4 to 1000 (an event in a batch nests 4 deep)");
        Checks.require(maxNumberChars >= 24 && maxNumberChars <= 1000, "maxNumberChars", maxNumberChars,
                "must be 24 to 1000 (a revision has up to 19 digits)");
        Checks.atLeast(failedAuthBurst, "failedAuthBurst", 1);
        Checks.positive(failedAuthPeriod, "failedAuthPeriod");
    }

    /**
     * 16 MiB bodies, 1,000 events, 32 levels, 100-character numbers, 10 failed authentications per address at once
     * and one more every 6 s (10 a minute).
     */
    public static IntakeLimits defaults() {
        return new IntakeLimits(16L << 20, 1000, 32, 100, 10, Duration.ofSeconds(6));
    }

    public IntakeLimits withBody(long newMaxBodyBytes, int newMaxBatchEvents) {
        return new IntakeLimits(newMaxBodyBytes, newMaxBatchEvents, maxJsonDepth, maxNumberChars, failedAuthBurst,
                failedAuthPeriod);
    }

    public IntakeLimits withJson(int newMaxJsonDepth, int newMaxNumberChars) {
        return new IntakeLimits(maxBodyBytes, maxBatchEvents, newMaxJsonDepth, newMaxNumberChars, failedAuthBurst,
                failedAuthPeriod);
    }

    public IntakeLimits withFailedAuths(int burst, Duration period) {
        return new IntakeLimits(maxBodyBytes, maxBatchEvents, maxJsonDepth, maxNumberChars, burst, period);
    }
}
