package dev.ripple.cli;

/**
 * An error the operator can fix: printed as {@code ripple: <message>} with no stack trace, and the command exits
 * with {@link #exitCode()}. The message says what happened and what to do.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, 1, null);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
