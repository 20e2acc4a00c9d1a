package dev.ripple.consistency.history;

import dev.ripple.consistency.history.internal.HistoryJsonReader;
import dev.ripple.consistency.history.internal.HistoryJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A recorded run: the client operations and, per replica (region), the log of effective applies in the
 * order they happened. The checker assumes every replica listed in {@code applies} replicates every write.
 *
 * @param operations the client operations, in any order; ids unique
 * @param applies per replica name, its applies in apply order; may be empty
 * @param converged true if the apply logs were taken after every replica had caught up (no writes in
 *     flight): only then are {@code lost-write} and {@code divergence} checked
 * @param defaultBound the staleness bound of reads that carry none; {@link StalenessBound#UNBOUNDED} for none
 */
public record History(List<Operation> operations, Map<String, List<Apply>> applies, boolean converged,
                      StalenessBound defaultBound) {

    /** @throws IllegalArgumentException if two operations share an id */
    public History {
        operations = List.copyOf(operations);
        Map<String, List<Apply>> copy = new TreeMap<>();
        Objects.requireNonNull(applies, "applies").forEach((replica, log) -> copy.put(
                Objects.requireNonNull(replica, "replica name"), List.copyOf(log)));
        applies = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(defaultBound, "defaultBound");
        Set<String> ids = new HashSet<>(operations.size() * 2);
        for (Operation op : operations) {
            if (!ids.add(op.id())) {
                throw new IllegalArgumentException("Invalid history: operation id " + op.id() + " is used twice");
            }
        }
    }

    /** @return a history of these operations with no applies, not converged, unbounded */
    public static History of(List<Operation> operations) {
        return new History(operations, Map.of(), false, StalenessBound.UNBOUNDED);
    }

    /** @return a copy with the apply log of {@code replica} replaced */
    public History withApplies(String replica, List<Apply> log) {
        Map<String, List<Apply>> copy = new TreeMap<>(applies);
        copy.put(replica, log);
        return new History(operations, copy, converged, defaultBound);
    }

    /** @return a copy with the convergence flag replaced */
    public History withConverged(boolean isConverged) {
        return new History(operations, applies, isConverged, defaultBound);
    }

    /** @return a copy with the default staleness bound replaced */
    public History withDefaultBound(StalenessBound bound) {
        return new History(operations, applies, converged, bound);
    }

    /** @return a copy with one more operation at the end */
    public History withOperation(Operation op) {
        List<Operation> copy = new ArrayList<>(operations);
        copy.add(op);
        return new History(copy, applies, converged, defaultBound);
    }

    /** @return the total number of apply entries across replicas */
    public long applyCount() {
        return applies.values().stream().mapToLong(List::size).sum();
    }

    /**
     * Reads the JSON form (see the module README). Streams the operations, so large histories need memory
     * for the records only. Does not close {@code in}.
     *
     * @throws HistoryFormatException naming the operation or apply entry and the field that is wrong
     * @throws UncheckedIOException if reading fails
     */
    public static History fromJson(InputStream in) {
        return HistoryJsonReader.read(Objects.requireNonNull(in, "in"));
    }

    /** Writes the JSON form, UTF-8. Does not close {@code out}. @throws UncheckedIOException if writing fails */
    public void toJson(OutputStream out) {
        try {
            HistoryJsonWriter.write(this, Objects.requireNonNull(out, "out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the JSON form as a string */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        toJson(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
