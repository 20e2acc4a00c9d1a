package dev.ripple.propagator.internal;

/**
 * The version gate's decision for one event of a key (DESIGN.md 6.3), pure: against what the key-version store
 * holds, is the event new, a replay of the very event the store last accepted, a conflicting conditional write, or
 * stale?
 *
 * <p>A replay happens under at-least-once delivery: after a crash Streams routes again every event since the last
 * committed offset, while the store (restored from its changelog, which is written apart from the offsets) may
 * already hold a version from that range. The one event that cannot be told apart by revision is the one whose
 * version the store holds — its own offset — and it must go out again, since its outputs may not have reached the
 * broker before the crash: it is re-emitted (and, having been accepted once, is not re-checked for a conflict with
 * itself). Events older than the stored version are dropped as always; their key's newer version, which is also
 * in the replayed range or was committed before it, supersedes them. Under exactly-once the store and the offsets
 * commit together, so a replay never reaches the gate. The very event has the stored revision too (or none): an
 * event at the same offset with another revision is from a recreated source topic, whose offsets began again, and is
 * judged by its revision.
 */
final class VersionGate {
    /** What to do with an event. */
    enum Decision {
        /** Newer than what the key holds (or the key is new): route it. */
        PASS,
        /** The event whose version the key holds, seen again after a crash: route it again. */
        REPLAY,
        /** A conditional write whose {@code base_revision} is not the key's revision: the stream's policy decides. */
        CONFLICT,
        /** Not newer than what the key holds: drop and count it. */
        STALE
    }

    private VersionGate() {}

    /**
     * @param known what the store holds for the key; null if it has never propagated a write of it
     * @param revision the event's revision; null if it has none
     * @param baseRevision the revision a conditional write was based on; null for an unconditional write
     * @param offset the event's source offset
     * @return {@link Decision#CONFLICT} before anything else for a conditional write that does not match (its
     *     policy may still let it through: then apply {@link #isNewer} as for {@link Decision#PASS})
     */
    static Decision decide(KeyVersion known, Long revision, Long baseRevision, long offset) {
        if (known == null) {
            return Decision.PASS;
        }
        if (known.offset() == offset && (revision == null || revision.equals(known.revision()))) {
            return Decision.REPLAY;
        }
        if (baseRevision != null && known.revision() != null && !known.revision().equals(baseRevision)) {
            return Decision.CONFLICT;
        }
        return isNewer(known, revision, offset) ? Decision.PASS : Decision.STALE;
    }

    /** Whether the event is newer than {@code known} (null: nothing known, so it is). */
    static boolean isNewer(KeyVersion known, Long revision, long offset) {
        return known == null || known.isOlderThan(revision, offset);
    }
}
