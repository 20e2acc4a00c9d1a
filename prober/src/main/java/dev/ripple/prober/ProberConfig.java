package dev.ripple.prober;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Prober} samples and checks (DESIGN.md 15). Immutable; start from {@link #defaults} and change with
 * the {@code with…} methods.
 *
 * @param kafka the cluster whose source streams it follows, and where it keeps inconsistencies
 * @param topics topic naming
 * @param propagatorGroup the propagator's consumer group (its Streams application id), to tell whether a write
 *     stalled before or after the propagator
 * @param sampleRatio the share of keys followed, by key hash, so that a key is followed through all its writes;
 *     above 0, at most 1
 * @param ladder the delays after a write's acknowledgement at which it is judged: 1 to 8, increasing, 10 ms to 1 h
 * @param recordFrom the first delay at which a write not yet served is kept as an inconsistency (one of the ladder)
 * @param window the span {@code consistent_within_ratio} and {@link Prober#report()} cover: 10 s to 24 h
 * @param maxChecksPerSecond the load the prober may put on the stores, in looks a second: a sample is charged the
 *     looks it is expected to cost (one a replica, one a delay a cache) and left out whole (and counted) when they
 *     would exceed it
 * @param maxPending looks waiting for their time or their turn at most; a sample beyond it is left out and counted
 * @param maxInFlight looks (reads) under way at most; a look beyond it waits its turn, and no sample is taken
 *     while one waits (counted {@code busy}): the reads a slow or hung target holds open cannot pile up, and every
 *     delay of a sample taken is judged
 * @param readTimeout how long one read may take; a read that takes longer counts as not serving the write
 * @param readApis the read API's base URL per region ({@code http://host:port}); regions not named use
 *     {@code defaultReadApi}
 * @param defaultReadApi the read API serving every region not in {@code readApis}; null for none (those regions'
 *     replicas are then not checked)
 * @param defaultRedis the Redis of purge targets whose document names none (as the purgers have it); null for none
 *     (such targets are then not checked)
 */
public record ProberConfig(KafkaSettings kafka, TopicNames topics, String propagatorGroup, double sampleRatio,
        List<Duration> ladder, Duration recordFrom, Duration window, double maxChecksPerSecond, int maxPending,
        int maxInFlight, Duration readTimeout, Map<String, URI> readApis, URI defaultReadApi, URI defaultRedis) {
    /** Delays of the ladder unless configured otherwise: 100 ms, 1 s, 10 s, 60 s. */
    public static final List<Duration> DEFAULT_LADDER = List.of(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofSeconds(60));

    public ProberConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(propagatorGroup, "propagatorGroup");
        if (!(sampleRatio > 0 && sampleRatio <= 1)) {
            throw Checks.invalid(sampleRatio, "sample ratio", "must be above 0 and at most 1 (0.01 follows 1% of keys)");
        }
        ladder = List.copyOf(ladder);
        Checks.require(!ladder.isEmpty() && ladder.size() <= 8, "ladder", ladder, "must hold 1 to 8 delays");
        for (int i = 0; i < ladder.size(); i++) {
            Checks.between(ladder.get(i), "ladder delay", Duration.ofMillis(10), Duration.ofHours(1));
            Checks.require(i == 0 || ladder.get(i).compareTo(ladder.get(i - 1)) > 0, "ladder", ladder,
                    "must increase");
        }
        Objects.requireNonNull(recordFrom, "recordFrom");
        Checks.require(ladder.contains(recordFrom), "record-from", recordFrom, "must be one of the ladder's delays "
                + ladder);
        Checks.between(window, "window", Duration.ofSeconds(10), Duration.ofHours(24));
        Checks.range(maxChecksPerSecond, "max checks per second", 1, 1_000_000);
        Checks.range(maxPending, "max pending checks", 1, 10_000_000);
        Checks.range(maxInFlight, "max looks in flight", 1, 100_000);
        Checks.between(readTimeout, "read timeout", Duration.ofMillis(10), Duration.ofMinutes(1));
        readApis = Map.copyOf(readApis);
        readApis.forEach((region, uri) -> requireHttp(uri, "read API of " + region));
        if (defaultReadApi != null) {
            requireHttp(defaultReadApi, "read API");
        }
    }

    /**
     * 1% of keys, the {@link #DEFAULT_LADDER}, kept from 1 s, a 10-minute window, at most 500 looks/s, 100,000
     * waiting and 256 under way, reads of at most 1 s; no read API and no default Redis yet.
     */
    public static ProberConfig defaults(KafkaSettings kafka) {
        return new ProberConfig(kafka, TopicNames.defaults(), "ripple-propagator", 0.01, DEFAULT_LADDER,
                Duration.ofSeconds(1), Duration.ofMinutes(10), 500, 100_000, 256, Duration.ofSeconds(1), Map.of(), null,
                null);
    }

    /** The read API that serves {@code region}, if one is known. */
    public Optional<URI> readApi(String region) {
        return Optional.ofNullable(readApis.getOrDefault(region, defaultReadApi));
    }

    public ProberConfig withTopics(TopicNames names) {
        return new ProberConfig(kafka, names, propagatorGroup, sampleRatio, ladder, recordFrom, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, defaultRedis);
    }

    public ProberConfig withSampleRatio(double ratio) {
        return new ProberConfig(kafka, topics, propagatorGroup, ratio, ladder, recordFrom, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, defaultRedis);
    }

    /** The ladder, keeping {@link #recordFrom} if it is one of its delays, else its second delay (or only one). */
    public ProberConfig withLadder(List<Duration> delays) {
        Duration from = delays.isEmpty() || delays.contains(recordFrom) ? recordFrom
                : delays.get(Math.min(1, delays.size() - 1));
        return new ProberConfig(kafka, topics, propagatorGroup, sampleRatio, delays, from, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, defaultRedis);
    }

    public ProberConfig withRecordFrom(Duration from) {
        return new ProberConfig(kafka, topics, propagatorGroup, sampleRatio, ladder, from, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, defaultRedis);
    }

    public ProberConfig withWindow(Duration span) {
        return new ProberConfig(kafka, topics, propagatorGroup, sampleRatio, ladder, recordFrom, span,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, defaultRedis);
    }

    public ProberConfig withLimits(double checksPerSecond, int pending, int inFlight, Duration timeout) {
        return new ProberConfig(kafka, topics, propagatorGroup, sampleRatio, ladder, recordFrom, window,
                checksPerSecond, pending, inFlight, timeout, readApis, defaultReadApi, defaultRedis);
    }

    public ProberConfig withReadApis(Map<String, URI> perRegion, URI fallback) {
        return new ProberConfig(kafka, topics, propagatorGroup, sampleRatio, ladder, recordFrom, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, perRegion, fallback, defaultRedis);
    }

    public ProberConfig withDefaultRedis(URI redis) {
        return new ProberConfig(kafka, topics, propagatorGroup, sampleRatio, ladder, recordFrom, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, redis);
    }

    public ProberConfig withPropagatorGroup(String group) {
        return new ProberConfig(kafka, topics, group, sampleRatio, ladder, recordFrom, window,
                maxChecksPerSecond, maxPending, maxInFlight, readTimeout, readApis, defaultReadApi, defaultRedis);
    }

    private static void requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        Checks.require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null, name, uri,
                "must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8082");
    }
}
