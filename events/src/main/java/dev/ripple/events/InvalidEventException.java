package dev.ripple.events;

import java.util.List;
import java.util.stream.Collectors;

/** An event does not satisfy its schema; {@link #problems()} lists every problem found, not just the first. */
public final class InvalidEventException extends EventsException {
    private final List<ValidationProblem> problems;

    public InvalidEventException(List<ValidationProblem> problems) {
        super("Invalid edit event: " + problems.stream().map(ValidationProblem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
