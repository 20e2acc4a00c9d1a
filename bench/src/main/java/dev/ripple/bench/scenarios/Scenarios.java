package dev.ripple.bench.scenarios;

import dev.ripple.bench.Scenario;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Every scenario {@code ripple bench} knows. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new IntakeScenario(), new CheckerScenario(),
            new PropagateScenario(), new E2eScenario(), new HttpSinkScenario(), new HttpE2eScenario(),
            new PurgeRedisScenario(), new PurgeHttpScenario(), new ReplicaStoreScenario(), new ReadScenario(),
            new RebuildScenario(), new FanoutScenario());

    private Scenarios() {}

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every scenario, in the order of {@code ripple bench --help}. */
    public static List<Scenario> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    /** For picocli's completion candidates and help. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(names()).iterator();
        }
    }
}
