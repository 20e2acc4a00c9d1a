package dev.ripple.cli.up;

import dev.ripple.cli.parts.ConitsTrackCommand;
import dev.ripple.cli.parts.OpsCommand;
import dev.ripple.cli.parts.ProbeCommand;
import dev.ripple.cli.parts.ProducerCommand;
import dev.ripple.cli.parts.PropagatorCommand;
import dev.ripple.cli.parts.PurgerCommand;
import dev.ripple.cli.parts.ReplicaCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One part instance of {@code ripple up --processes}: README's production command line for it, on a port of its
 * own. Instance {@code i} of a part listens on the part's default port + 100·i, and region {@code j} of a
 * per-region part (in the config's order) adds 10·j: {@code replica --region codfw} #2 is 8082 + 100 + 10.
 *
 * @param name what the listing calls it, e.g. {@code replica codfw #2}
 * @param args the {@code ripple} arguments, e.g. {@code replica --region codfw --host 127.0.0.1 --port 8192}
 * @param port where it serves {@code /readyz} and {@code /metrics}
 */
public record PartLaunch(String name, List<String> args, int port) {
    public PartLaunch {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
    }

    /**
     * Every part of the stack: {@code instances} each of the producer, propagator and conit tracker, a replica and
     * a purger per region, one ops server (a dashboard needs no second instance) and one prober, reading
     * each region through its first replica.
     */
    public static List<PartLaunch> stack(List<String> regions, int instances) {
        List<PartLaunch> launches = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            launches.add(of("producer", null, i, instances, ProducerCommand.DEFAULT_PORT, 0));
            launches.add(of("propagator", null, i, instances, PropagatorCommand.DEFAULT_PORT, 0));
            for (int j = 0; j < regions.size(); j++) {
                launches.add(of("replica", regions.get(j), i, instances, ReplicaCommand.DEFAULT_PORT, j));
                launches.add(of("purger", regions.get(j), i, instances, PurgerCommand.DEFAULT_PORT, j));
            }
            launches.add(of("conits track", null, i, instances, ConitsTrackCommand.DEFAULT_PORT, 0));
        }
        launches.add(of("ops", null, 0, 1, OpsCommand.DEFAULT_PORT, 0));
        launches.add(probe(regions));
        return List.copyOf(launches);
    }

    /** One prober, reading each region through its first replica's read API. */
    private static PartLaunch probe(List<String> regions) {
        PartLaunch probe = of("probe", null, 0, 1, ProbeCommand.DEFAULT_PORT, 0);
        List<String> args = new ArrayList<>(probe.args());
        for (int j = 0; j < regions.size(); j++) {
            args.addAll(List.of("--read-api", regions.get(j) + "=" + of("replica", regions.get(j), 0, 1,
                    ReplicaCommand.DEFAULT_PORT, j).url()));
        }
        return new PartLaunch(probe.name(), args, probe.port());
    }

    private static PartLaunch of(String part, String region, int instance, int instances, int defaultPort,
            int regionIndex) {
        int port = defaultPort + 100 * instance + 10 * regionIndex;
        List<String> args = new ArrayList<>(List.of(part.split(" ")));
        if (region != null) {
            args.addAll(List.of("--region", region));
        }
        args.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
        String name = part + (region == null ? "" : " " + region) + (instances > 1 ? " #" + (instance + 1) : "");
        return new PartLaunch(name, args, port);
    }

    /** The base URL of its HTTP server. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A file name for its log and state, e.g. {@code replica-codfw-2}. */
    public String slug() {
        return name.replace(" #", "-").replace(' ', '-');
    }
}
