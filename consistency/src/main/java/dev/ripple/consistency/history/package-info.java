/**
 * Histories of client operations and replica applies, and the checker that finds consistency anomalies in
 * them ({@link dev.ripple.consistency.history.HistoryChecker}). The JSON format is documented in the module's
 * README; {@code ripple check history.json} reads it.
 *
 * <p>All public types here are immutable and thread-safe.
 */
package dev.ripple.consistency.history;
