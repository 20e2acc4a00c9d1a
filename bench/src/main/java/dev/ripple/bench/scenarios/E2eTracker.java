package dev.ripple.bench.scenarios;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgeListener;
import dev.ripple.cachepurger.PurgeReceipt;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.SourcePosition;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ApplyListener;
import dev.ripple.replica.ReplicaApplier;
import java.util.ArrayList;
import java.util.List;

/**
 * Sees every apply and every purge of a {@code ripple up} in this JVM, through listeners on its replica appliers
 * and cache purgers, and hands them to the {@link E2eRound} under way. Listeners run on the appliers' loop threads
 * and the purgers' I/O threads; they only record a few numbers. Thread-safe.
 */
final class E2eTracker implements AutoCloseable {
    private final List<String> regions = new ArrayList<>();
    private final List<AutoCloseable> handles = new ArrayList<>();
    private volatile E2eRound current;

    /** Listens to every applier and purger of {@code up}; the regions are the appliers'. */
    E2eTracker(RippleUp up) throws Exception {
        for (ReplicaApplier applier : up.appliers()) {
            int region = regions.size();
            regions.add(applier.region());
            handles.add(applier.addListener(new OnApply(region)));
        }
        for (CachePurger purger : up.purgers()) {
            int region = regions.indexOf(purger.region());
            if (region < 0) {
                throw new IllegalStateException("Purger of region " + purger.region() + " has no replica applier");
            }
            handles.add(purger.addListener(new OnPurge(region)));
        }
        if (regions.isEmpty() || up.purgers().size() != regions.size()) {
            throw new IllegalStateException("ripple up runs " + regions.size() + " appliers and " + up.purgers().size()
                    + " purgers; e2e needs one of each per region");
        }
    }

    List<String> regions() {
        return List.copyOf(regions);
    }

    /** A new round of {@code events} events whose keys start with {@code keyPrefix}; the tracker feeds it now. */
    E2eRound begin(String keyPrefix, int events) {
        return begin(keyPrefix, events, BenchEvents.KEYS);
    }

    /** As {@link #begin(String, int)}, over {@code keys} keys. */
    E2eRound begin(String keyPrefix, int events, int keys) {
        E2eRound round = new E2eRound(keyPrefix, events, regions.size(), keys);
        current = round;
        return round;
    }

    @Override
    public void close() throws Exception {
        current = null;
        for (AutoCloseable handle : handles) {
            handle.close();
        }
    }

    private final class OnApply implements ApplyListener {
        private final int region;

        OnApply(int region) {
            this.region = region;
        }

        @Override
        public void applied(List<AppliedEntry> entries, RegionPosition position) {
            E2eRound round = current;
            if (round == null) {
                return;
            }
            long now = System.nanoTime();
            for (AppliedEntry entry : entries) {
                if (entry.record() instanceof ReplicationRecord record && record.event().revision() != null) {
                    round.applied(region, record.key(), record.event().revision(), record.source(),
                            entry.outcome() == AppliedEntry.Outcome.APPLIED, record.trace(), entry.appliedAt(), now);
                }
            }
        }
    }

    private final class OnPurge implements PurgeListener {
        private final int region;

        OnPurge(int region) {
            this.region = region;
        }

        @Override
        public void purged(PurgeReceipt receipt) {
            E2eRound round = current;
            if (round != null) {
                SourcePosition source = receipt.source();
                round.purged(region, receipt.key(), source, receipt.records(), receipt.received(),
                        receipt.completed(), System.nanoTime());
            }
        }
    }
}
