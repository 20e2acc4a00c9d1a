package dev.ripple.consistency;

/**
 * The epoch in force now (DESIGN.md section 5): fixed, or followed live from the config store's
 * {@code /ripple/epoch}, so a bump reaches every part without a restart. Implementations are thread-safe, cheap
 * (a volatile read) and never go backwards.
 */
@FunctionalInterface
public interface EpochSource {

    /** @return the epoch in force, at least 0 */
    long current();

    /** @return a source that always answers {@code epoch} */
    static EpochSource fixed(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("Invalid value " + epoch + " for epoch: must be >= 0");
        }
        return () -> epoch;
    }
}
