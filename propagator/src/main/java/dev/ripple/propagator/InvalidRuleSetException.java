package dev.ripple.propagator;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set was refused; {@link #problems()} lists every problem found, each naming its rule and field. */
public final class InvalidRuleSetException extends PropagatorException {
    private final long version;
    private final List<RuleProblem> problems;

    public InvalidRuleSetException(long version, List<RuleProblem> problems) {
        super("Rule set version " + version + " refused: " + problems.stream().map(RuleProblem::toString)
                .collect(Collectors.joining("; ")));
        this.version = version;
        this.problems = List.copyOf(problems);
    }

    /** The config revision of the refused rule set. */
    public long version() {
        return version;
    }

    /** At least one. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
