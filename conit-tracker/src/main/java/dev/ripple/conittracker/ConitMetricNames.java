package dev.ripple.conittracker;

/** Meters of the conit tracker; per-conit meters are tagged {@code conit} and {@code region}. */
public final class ConitMetricNames {
    /** Accepted writes of the conit not yet applied in the region (gauge). */
    public static final String ORDER_ERROR = "ripple.conit.order.error";
    /** Sum of the weights of those writes (gauge). */
    public static final String NUMERICAL_ERROR = "ripple.conit.numerical.error";
    /** Age of the oldest of those writes, in seconds (gauge; Prometheus: ripple_conit_staleness_seconds). */
    public static final String STALENESS = "ripple.conit.staleness";
    /** 1 while every bound holds, 0 while one is exceeded (gauge; ripple_conit_in_bound). */
    public static final String WITHIN_BOUNDS = "ripple.conit.in.bound";
    /** Unapplied writes the tracker holds, all conits (gauge). */
    public static final String LEDGER_ENTRIES = "ripple.conit.ledger.entries";
    /** Writes dropped because a conit's ledger was full (gauge, cumulative). */
    public static final String LEDGER_DROPPED = "ripple.conit.ledger.dropped";

    private ConitMetricNames() {}
}
