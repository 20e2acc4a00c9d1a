package dev.ripple.cli.wiring;

import dev.ripple.cli.parts.ConitFollower;
import dev.ripple.cli.parts.Parts;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.EtcdOptions;
import java.util.List;

/** What a process follows, opened once for every part of it: the config, and the conit statuses to enforce. */
public final class ConfigParts {
    private ConfigParts() {}

    /**
     * Opens a view of {@code store} (taking it over) as a part of {@code group}, with its meters and the
     * {@code config} readiness.
     *
     * @return {@code context} following the view, with its epoch
     */
    public static PartContext open(PartGroup group, PartContext context, ConfigStore store) {
        group.track(store);
        ConfigView view = ConfigView.open(store, context.clock());
        group.add(Part.of("config", List.of(Parts.config(view)), view));
        context.metrics().bind(view.metrics());
        return context.withConfig(view);
    }

    /**
     * Opens the config in etcd and follows {@code ripple.conit-status} (with the context's Kafka settings) as a
     * part of {@code group}, as a part run alone enforces conits (DESIGN.md 6.2).
     *
     * @return {@code context} following the config, with its epoch and its conits' gate and throttle
     * @throws IllegalStateException if etcd or Kafka cannot be reached
     */
    public static PartContext followConits(PartGroup group, PartContext context, EtcdOptions etcd) {
        ConitFollower conits = ConitFollower.start(etcd, context.kafka().clientProperties(), context.topics(),
                context.clock());
        group.add(Part.of("config and conit statuses", conits.parts(), conits));
        context.metrics().bind(conits.view().metrics());
        return context.withConfig(conits.view()).withConits(conits.readGate(), conits.writeThrottle());
    }
}
