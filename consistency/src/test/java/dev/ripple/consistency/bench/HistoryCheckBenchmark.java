package dev.ripple.consistency.bench;

import dev.ripple.consistency.history.HistoryGenerator;

import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times {@link HistoryChecker#check} on a generated, realistic history (see the module README for the command
 * and the recorded figure). Arguments: {@code [operations=1000000] [runs=3]}. Also times the JSON round trip
 * and a check of the same history with 1,000 applies dropped from one region.
 */
public final class HistoryCheckBenchmark {

    private HistoryCheckBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        History history = HistoryGenerator.generate(HistoryGenerator.Config.realistic(operations, 42));
        System.out.printf("generated %,d operations and %,d applies in %,d ms%n", history.operations().size(),
                history.applyCount(), ms(t0));

        HistoryChecker checker = HistoryChecker.create();
        for (int i = 1; i <= runs; i++) {
            long t = System.nanoTime();
            CheckReport report = checker.check(history);
            System.out.printf("check run %d: %,d ms, ok=%s%n", i, ms(t), report.ok());
        }

        Path file = Files.createTempFile("history", ".json");
        try {
            long t = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                history.toJson(out);
            }
            System.out.printf("wrote JSON (%,d MB) in %,d ms%n", Files.size(file) >> 20, ms(t));
            t = System.nanoTime();
            History read;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                read = History.fromJson(in);
            }
            System.out.printf("read JSON in %,d ms, equal=%s%n", ms(t), read.equals(history));
        } finally {
            Files.delete(file);
        }

        List<Apply> log = new ArrayList<>(history.applies().get("esams"));
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            log.remove(random.nextInt(log.size()));
        }
        History faulty = history.withApplies("esams", log);
        long t = System.nanoTime();
        CheckReport report = checker.check(faulty);
        System.out.printf("check with 1,000 dropped applies: %,d ms%n", ms(t));
        report.counts().forEach((type, count) -> {
            if (count > 0) {
                System.out.printf("  %-26s %,d%n", type.code(), count);
            }
        });
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
