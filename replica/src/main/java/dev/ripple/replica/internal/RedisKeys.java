package dev.ripple.replica.internal;

/**
 * The Redis layout of DESIGN.md 7: one hash slot per (region, partition), so a Redis Cluster spreads regions and
 * partitions while one partition's apply stays a single-slot script.
 * <ul>
 *   <li>{@code <prefix>:{<region>:<p>}:obj:<key>}: hash {@code rev, dot, op, ctype, body, dt, applied_at}</li>
 *   <li>{@code <prefix>:{<region>:<p>}:pos}: hash {@code epoch}, {@code <topic>:<p> → offset},
 *       {@code dt:<topic>:<p> → source dt (ms)}</li>
 * </ul>
 */
public record RedisKeys(String prefix, String region) {

    public String object(int partition, String key) {
        return slot(partition) + ":obj:" + key;
    }

    public String position(int partition) {
        return slot(partition) + ":pos";
    }

    private String slot(int partition) {
        return prefix + ":{" + region + ":" + partition + "}";
    }
}
