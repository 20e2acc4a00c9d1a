package dev.ripple.config;

import java.util.List;
import java.util.stream.Collectors;

/** A set of documents (an import, or a write checked against its references) was refused; nothing was written. */
public final class InvalidConfigException extends ConfigException {
    private final List<ConfigProblem> problems;

    public InvalidConfigException(String what, List<ConfigProblem> problems) {
        super(what + ": " + problems.size() + " document(s) with problems; nothing was written.\n"
                + problems.stream().map(p -> "  " + p.describe()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
