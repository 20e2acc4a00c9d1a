package dev.ripple.bench;

/**
 * What a round's output was checked for.
 *
 * @param expected events that should have arrived
 * @param delivered distinct events that arrived
 * @param reordered events of a key seen after a later event of the same key
 * @param duplicates events seen more than once
 */
public record Correctness(long expected, long delivered, long reordered, long duplicates) {
    /** Nothing was checked (the variant produces no output to check). */
    public static final Correctness NOT_CHECKED = new Correctness(-1, -1, 0, 0);

    /** Events that never arrived. */
    public long lost() {
        return expected < 0 ? 0 : Math.max(0, expected - delivered);
    }

    /** No loss and no reordering (duplicates are counted, not failures: delivery is at least once). */
    public boolean ok() {
        return lost() == 0 && reordered == 0;
    }
}
