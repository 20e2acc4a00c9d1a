package dev.ripple.config;

import java.util.List;

/**
 * Receives a watch's changes. Calls for one store come from one thread, in revision order, never concurrently;
 * a slow listener delays the others of that store, so hand long work off.
 */
public interface WatchListener {
    /** Changes in revision order; every change after the watch's start revision is delivered exactly once. */
    void onEvents(List<ChangeEvent> events);

    /**
     * The store no longer holds the history the watch needs: revisions before {@code compactRevision} were
     * compacted. The watch has ended; re-read the state ({@link ConfigStore#list}) and watch again from its
     * revision + 1.
     */
    default void onCompacted(long compactRevision) {}

    /** The connection to the store was lost; the watch resumes by itself from where it stopped. */
    default void onDisconnected(String reason) {}

    /** The watch is connected again and resumes from {@code fromRevision}: nothing in between is lost. */
    default void onResumed(long fromRevision) {}
}
