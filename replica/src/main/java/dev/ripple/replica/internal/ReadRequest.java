package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;

/** A checked read request: where, what, the session vector and what to do when the region is not ready. */
record ReadRequest(String region, String key, int partition, Position session, ReadHeaders.MaxStaleness bound,
        ReadHeaders.OnViolation onViolation, long startMs) {}
