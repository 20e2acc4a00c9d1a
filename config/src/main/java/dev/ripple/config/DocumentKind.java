package dev.ripple.config;

/** The kinds of document in the config store, each under its own prefix (see {@link ConfigKeys}). */
public enum DocumentKind {
    STREAM("streams", StreamDoc.class),
    RULE("rules", RuleDoc.class),
    REGION("regions", RegionDoc.class),
    CONIT("conits", ConitDoc.class),
    /** Keyed by region and name: {@code /ripple/purge-targets/<region>/<name>}. */
    PURGE_TARGET("purge-targets", PurgeTargetDoc.class),
    PRODUCER("producers", ProducerDoc.class),
    /** The single key {@code /ripple/epoch}. */
    EPOCH("epoch", EpochDoc.class);

    private final String segment;
    private final Class<? extends ConfigDocument> type;

    DocumentKind(String segment, Class<? extends ConfigDocument> type) {
        this.segment = segment;
        this.type = type;
    }

    /** The key prefix, e.g. {@code /ripple/rules/}; for {@link #EPOCH} the key itself. */
    public String prefix() {
        return this == EPOCH ? ConfigKeys.EPOCH : ConfigKeys.ROOT + segment + "/";
    }

    /** The path segment, e.g. {@code rules}; also the section name in an import file (with '_' for '-'). */
    public String segment() {
        return segment;
    }

    /** The record type of this kind's documents. */
    public Class<? extends ConfigDocument> type() {
        return type;
    }
}
