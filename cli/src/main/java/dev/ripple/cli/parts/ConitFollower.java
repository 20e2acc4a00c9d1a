package dev.ripple.cli.parts;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.EtcdOptions;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.ConitThrottle;
import dev.ripple.producer.WriteThrottle;
import dev.ripple.replica.ConitGate;
import dev.ripple.replica.ReadGate;
import dev.ripple.runtime.ConitStatusFeed;
import dev.ripple.runtime.server.Readiness;
import dev.ripple.runtime.server.Readiness.Part;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What a part run alone follows to enforce conits as it does inside {@code ripple up} (DESIGN.md 6.2): the config
 * in etcd (which conits exist, their keys and enforcement; the epoch) and the conit tracker's statuses on
 * {@code ripple.conit-status}. Closes both, in reverse order of opening.
 */
public final class ConitFollower implements AutoCloseable {
    private final ConfigStore store;
    private final ConfigView view;
    private final ConitStatusFeed statuses;
    private final Clock clock;

    private ConitFollower(ConfigStore store, ConfigView view, ConitStatusFeed statuses, Clock clock) {
        this.store = store;
        this.view = view;
        this.statuses = statuses;
        this.clock = clock;
    }

    /**
     * Opens the config store and view and starts following {@code ripple.conit-status}.
     *
     * @param kafka the client properties ({@code bootstrap.servers}, TLS, SASL, …) of the status feed
     * @throws IllegalStateException if etcd or Kafka cannot be reached; what opened is closed first
     */
    public static ConitFollower start(EtcdOptions etcd, Map<String, Object> kafka, TopicNames topics, Clock clock) {
        ConfigStore store = ConfigStore.etcd(etcd);
        ConfigView view = null;
        try {
            view = ConfigView.open(store, clock);
            return new ConitFollower(store, view, ConitStatusFeed.start(kafka, topics), clock);
        } catch (RuntimeException e) {
            if (view != null) {
                view.close();
            }
            store.close();
            throw e;
        }
    }

    public ConfigView view() {
        return view;
    }

    /** {@code gate-reads} enforcement for the read API, waking held reads as each status arrives. */
    public ReadGate readGate() {
        ConitGate gate = new ConitGate(view, statuses::current, clock);
        statuses.onUpdate(gate::statusesChanged);
        return gate;
    }

    /** {@code throttle-writes} enforcement for the intake. */
    public WriteThrottle writeThrottle() {
        return new ConitThrottle(view, statuses::current);
    }

    /** The config view and the status feed, for {@code /readyz}. */
    public List<Part> parts() {
        return List.of(Parts.config(view), Part.ofState("conit-status", Readiness.NO_REGION, statuses::state,
                statuses::failure));
    }

    @Override
    public void close() {
        statuses.close();
        view.close();
        store.close();
    }
}
