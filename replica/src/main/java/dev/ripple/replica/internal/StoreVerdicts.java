package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.replica.StoredPosition;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a partition's stored position says about the store (DESIGN.md 7.1): whether it still holds what the applier
 * applied, and what an assigned partition needs. Pure functions of what was read; {@link ApplierStep} acts on them.
 */
final class StoreVerdicts {

    /** What to do with a partition just assigned. */
    sealed interface Verdict {
        /**
         * The store serves it: claim {@code generation} (null: written before generations, nothing to claim).
         *
         * @param note why the generation differs from the one committed, or null if it does not
         */
        record Serve(String generation, String note) implements Verdict {
        }

        /**
         * Take it out of service and fill it.
         *
         * @param why why, for the log and the metrics; empty for a new region's first fill (not a loss)
         * @param resume whether the stored position (its cursor) is where the fill goes on, or it starts afresh
         */
        record Fill(String why, boolean resume) implements Verdict {
        }
    }

    private StoreVerdicts() {
    }

    /**
     * Why {@code stored} shows that a partition serving from this applier lost data it had applied, if it does.
     *
     * @param held the generation this applier writes the partition in, if it knows one
     * @param epoch the epoch the applier follows
     * @param claim what the applier applied of the partition ({@link #claimOf})
     */
    static Optional<String> lost(StoredPosition stored, Optional<String> held, long epoch,
            Map<TopicPartitionKey, Long> claim) {
        if (stored.status() == StoredPosition.Status.ABSENT) {
            return Optional.of("its position is gone from the store (Redis restarted empty or was flushed)");
        }
        if (stored.status() == StoredPosition.Status.REBUILDING) {
            return Optional.of("another writer began rebuilding it");
        }
        if (held.isPresent() && stored.generation() != null && !held.get().equals(stored.generation())) {
            return Optional.of("the store holds generation " + stored.generation() + ", not " + held.get()
                    + " (it was replaced by another copy)");
        }
        if (stored.offsets().epoch() != epoch) {
            return Optional.empty();
        }
        for (Map.Entry<TopicPartitionKey, Long> entry : claim.entrySet()) {
            long has = stored.offsets().offsets().getOrDefault(entry.getKey(), -1L);
            if (has < entry.getValue()) {
                return Optional.of("the store holds " + entry.getKey() + " at " + has + ", behind the "
                        + entry.getValue() + " applied (it failed over to a copy that had not caught up)");
            }
        }
        return Optional.empty();
    }

    /**
     * What an assigned partition needs: a store that holds nothing is filled from the latest state (a new region is
     * backfilled); one the group had applied to before (a committed offset, and the generation committed with it)
     * that holds nothing or a position older than generations lost its data; a rebuild that was running resumes.
     *
     * @param committed the metadata of the group's committed offset (the generation then; empty if none was
     *     recorded), or null if the group never committed the partition
     */
    static Verdict onAssignment(StoredPosition stored, String committed) {
        String expected = committed == null || committed.isEmpty() ? null : committed;
        return switch (stored.status()) {
            case ABSENT -> new Verdict.Fill(committed == null ? "" : "its position is gone from the store, though "
                    + "the group had applied it (Redis restarted empty or was flushed)", true);
            case REBUILDING -> new Verdict.Fill("a rebuild was running", true);
            case SERVING -> {
                if (expected != null && stored.generation() == null) {
                    yield new Verdict.Fill("the store holds a position written before generations, but the group "
                            + "last applied generation " + expected + " (an old copy of the store was restored)",
                            false);
                }
                // a partition rebuilt while idle commits its new generation only with its next offset
                String note = expected != null && stored.generation() != null && !expected.equals(stored.generation())
                        ? "the store holds generation " + stored.generation() + ", the group last committed "
                                + expected + " (rebuilt since, before a commit)"
                        : null;
                yield new Verdict.Serve(stored.generation(), note);
            }
        };
    }

    /** The entries of {@code position} on one source partition: what a rebuild of it must reach again. */
    static Map<TopicPartitionKey, Long> claimOf(Position position, int partition) {
        Map<TopicPartitionKey, Long> claim = new TreeMap<>();
        position.offsets().forEach((entry, offset) -> {
            if (entry.partition() == partition) {
                claim.put(entry, offset);
            }
        });
        return claim;
    }
}
