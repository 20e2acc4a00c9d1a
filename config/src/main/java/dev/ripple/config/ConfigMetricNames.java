package dev.ripple.config;

/** The names of the config module's meters, in one place. */
public final class ConfigMetricNames {
    /** Gauge: valid documents in force in a {@link ConfigView}. */
    public static final String DOCUMENTS = "ripple.config.documents";
    /** Gauge: keys whose current value is invalid (their last good version, if any, stays in force). */
    public static final String INVALID_DOCUMENTS = "ripple.config.documents.invalid";
    /** Counter, tag {@code kind}: invalid document versions seen by a view since it started. */
    public static final String REJECTED = "ripple.config.documents.rejected";
    /** Gauge: the store revision a view reflects. */
    public static final String REVISION = "ripple.config.revision";
    /** Counter: full reloads of a view after its watch history was compacted. */
    public static final String RELOADS = "ripple.config.reloads";
    /** Tag naming the document kind ({@code rule}, {@code purge-target}, … or {@code unknown}). */
    public static final String TAG_KIND = "kind";

    private ConfigMetricNames() {}
}
