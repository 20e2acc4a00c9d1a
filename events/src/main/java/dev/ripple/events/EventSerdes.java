package dev.ripple.events;

/** The serdes of every value type on Ripple's topics (DESIGN.md section 4). Keys are plain strings. */
public final class EventSerdes {
    private EventSerdes() {}

    /** Values of {@code ripple.stream.<stream>}. */
    public static JsonSerde<EditEvent> editEvent() {
        return JsonSerde.of(EditEvent.class);
    }

    /** Values of {@code ripple.replicate.<region>}: replication records and watermarks. */
    public static JsonSerde<RegionRecord> regionRecord() {
        return JsonSerde.of(RegionRecord.class);
    }

    /** Values of {@code ripple.purge.<region>}: purge requests and watermarks. */
    public static JsonSerde<PurgeRecord> purgeRecord() {
        return JsonSerde.of(PurgeRecord.class);
    }

    /** Values of {@code ripple.conit-log}. */
    public static JsonSerde<ConitLogEntry> conitLogEntry() {
        return JsonSerde.of(ConitLogEntry.class);
    }

    /** Values of {@code ripple.positions}: each region's applied position, keyed by region. */
    public static JsonSerde<RegionPosition> regionPosition() {
        return JsonSerde.of(RegionPosition.class);
    }

    /** Values of {@code ripple.conit-status}. */
    public static JsonSerde<ConitStatus> conitStatus() {
        return JsonSerde.of(ConitStatus.class);
    }
}
