package dev.ripple.replica;

import dev.ripple.events.RegionPosition;
import dev.ripple.replica.internal.PositionBoard;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The applied positions of regions as this process knows them, fed by local appliers ({@link ApplyListener}), by
 * {@link PositionsFeed} from {@code ripple.positions}, and by reads of the stores. Positions only move forward
 * (a newer epoch replaces an older one), so every value is a lower bound of what the region has applied.
 *
 * <p>Readers wait on it without polling: {@link #await} completes as soon as an offer makes its condition true.
 * Thread-safe.
 */
public interface RegionPositions extends AutoCloseable {

    /** An empty board. */
    static RegionPositions create() {
        return new PositionBoard();
    }

    /** Merges a region's position (pointwise maximum) and wakes the readers it satisfies. */
    void offer(RegionPosition position);

    /** The region's position, if any was offered. */
    Optional<RegionPosition> current(String region);

    /** Every region's position, by region name. */
    Map<String, RegionPosition> all();

    /**
     * Completes with the region's position as soon as {@code ready} holds for it (at once if it already does), or
     * with null after {@code timeout}. {@code ready} runs on the offering thread: keep it cheap.
     */
    CompletableFuture<RegionPosition> await(String region, Predicate<RegionPosition> ready, Duration timeout);

    /**
     * Checks every waiting reader again against its region's current position: for when something else a reader
     * waits on has changed (a conit's read gate), without a position moving.
     */
    void recheck();

    /** Readers waiting now. */
    int waiting();

    /** Stops the timeout scheduler; waiting readers complete with null. */
    @Override
    void close();
}
