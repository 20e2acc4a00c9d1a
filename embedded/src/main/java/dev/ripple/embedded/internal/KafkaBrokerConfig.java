package dev.ripple.embedded.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The broker properties of a single-node KRaft cluster on 127.0.0.1. */
public final class KafkaBrokerConfig {
    public static final int NODE_ID = 1;
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBrokerConfig() {}

    /**
     * Properties for one combined broker + controller. With a single broker the internal topics must have
     * replication factor 1 and min.isr 1, or exactly-once Streams waits 60 s for a transaction coordinator.
     */
    public static Map<String, String> singleNode(int brokerPort, int controllerPort, Path dataDir,
            Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("metadata.log.dir", dataDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.putAll(overrides);
        return Map.copyOf(p);
    }
}
