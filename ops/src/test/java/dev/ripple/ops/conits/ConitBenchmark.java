package dev.ripple.ops.conits;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.consistency.ConitState;
import dev.ripple.consistency.ConitWrite;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ConitStatus;
import dev.ripple.replica.ConitGate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conit tracker's hot path and the read gate, without Kafka: entries/s through the ledger with a measurement
 * of 3 regions every 10,000 entries, and the nanoseconds one read's conit check adds. Run:
 * {@code java -cp <test classpath> dev.ripple.ops.conits.ConitBenchmark}.
 */
public final class ConitBenchmark {
    private static final Logger log = LoggerFactory.getLogger(ConitBenchmark.class);
    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Clock clock = Clock.systemUTC();
        for (int round = 1; round <= 3; round++) {
            ConitLedger ledger = new ConitLedger(2_000_000);
            long start = System.nanoTime();
            Instant dt = Instant.now();
            for (int i = 0; i < entries; i++) {
                ledger.add(new ConitWrite("pages", TopicPartitionKey.of("ripple.stream.edits", i % 6), i / 6, dt, 1));
                if (i % 10_000 == 9_999) {
                    Map<TopicPartitionKey, Long> offsets = new java.util.HashMap<>();
                    for (int p = 0; p < 6; p++) {
                        offsets.put(TopicPartitionKey.of("ripple.stream.edits", p), (long) (i / 6) - 500);
                    }
                    Position applied = Position.of(1, offsets);
                    for (int r = 0; r < 3; r++) {
                        ConitState.measure("pages", ledger.writes("pages"), applied, clock);
                    }
                    ledger.trim(List.of(applied));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info(String.format("round %d: tracker ledger %,.0f conit-log entries/s (held at end: %,d)", round,
                    entries / seconds, ledger.size()));
        }
        try (ConfigStore store = ConfigStore.inMemory()) {
            store.txnRun(txn -> ConfigDocuments.put(txn, new ConitDoc("pages", ConitDoc.KeyPattern.glob("enwiki:*"),
                    new ConitDoc.Bounds(5_000L, 1_000L, null), ConitDoc.Enforcement.GATE_READS)));
            try (ConfigView view = ConfigView.open(store, clock)) {
                Map<String, ConitStatus> statuses = Map.of("pages", new ConitStatus("pages", "gate-reads",
                        new ConitStatus.Bounds(5_000L, 1_000L, null), Map.of("eqiad",
                        new ConitStatus.Region(3, 3, 40, List.of())), Instant.now()));
                ConitGate gate = new ConitGate(view, () -> statuses);
                int checks = 5_000_000;
                long blackhole = 0;
                for (int round = 1; round <= 3; round++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < checks; i++) {
                        blackhole += gate.closed("eqiad", (i & 1) == 0 ? "enwiki:Main_Page" : "dewiki:X").isEmpty()
                                ? 1 : 0;
                    }
                    log.info(String.format("round %d: conit check on a read: %.0f ns", round,
                            (System.nanoTime() - start) / (double) checks));
                }
                log.info("(checks passed: " + blackhole + ")");
            }
        }
    }
}
