package dev.ripple.config;

import java.util.List;
import java.util.stream.Collectors;

/** A document failed validation; every problem found is listed, each naming its field. */
public final class InvalidDocumentException extends ConfigException {
    private final String key;
    private final List<Problem> problems;

    /**
     * @param key the store key of the document, or null when it is not known (a record built in code)
     * @param problems at least one
     */
    public InvalidDocumentException(String key, List<Problem> problems) {
        super(message(key, problems));
        this.key = key;
        this.problems = List.copyOf(problems);
    }

    /** The store key, or null when the document was not read from or written to a key. */
    public String key() {
        return key;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The same problems, attributed to {@code key}. */
    public InvalidDocumentException at(String key) {
        return new InvalidDocumentException(key, problems);
    }

    private static String message(String key, List<Problem> problems) {
        return "Invalid document" + (key == null ? "" : " at " + key) + ": "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
