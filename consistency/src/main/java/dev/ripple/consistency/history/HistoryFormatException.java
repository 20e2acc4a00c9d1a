package dev.ripple.consistency.history;

import dev.ripple.consistency.ConsistencyException;

/** A history (JSON or records) is not well formed; the message names the operation or apply entry and the field. */
public final class HistoryFormatException extends ConsistencyException {

    /** @param message what is wrong and where */
    public HistoryFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the parser's or validator's failure
     */
    public HistoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
