package dev.ripple.bench.faults;

import java.util.Arrays;

/** The faults {@code ripple bench faults} injects, with the code its {@code --faults} option and reports use. */
public enum FaultKind {
    /** {@code kill -9} of one instance of a part (any but the one ops server), then a replacement started. */
    KILL("kill", "kill -9 of a part instance; a replacement starts once the others took over"),
    /** Redis stopped with SIGSTOP (the process hangs: connections stay open, nothing answers), then SIGCONT. */
    REDIS_PAUSE("redis-pause", "Redis paused with SIGSTOP, then resumed with SIGCONT"),
    /** etcd stopped and started again on the same port and data. */
    ETCD_RESTART("etcd-restart", "etcd stopped and started again, its data kept"),
    /**
     * The Kafka broker killed with SIGKILL, held down for {@code --pause-s}, then started again on its port and data.
     * Not in the default {@code --faults}: see {@link FaultsCommand}.
     */
    BROKER_RESTART("broker-restart", "broker killed with SIGKILL, down for --pause-s, started again"),
    /** One more instance of a part started, then stopped with SIGTERM once its group took it in: out, then in. */
    SCALE("scale", "an instance added to a part, then removed with SIGTERM (scale out, then in)");

    private final String code;
    private final String description;

    FaultKind(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The name on the command line and in reports, e.g. {@code redis-pause}. */
    public String code() {
        return code;
    }

    /** One line on what it does. */
    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException naming every code when none is {@code code} */
    public static FaultKind fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Unknown fault '" + code + "'; faults: " + Arrays.stream(values())
                        .map(FaultKind::code).toList() + "."));
    }
}
