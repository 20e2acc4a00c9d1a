package dev.ripple.embedded;

/** A service binary ({@code etcd}, {@code redis-server}) is not installed; the message says how to install it. */
public final class MissingBinaryException extends EmbeddedException {
    private final String binary;

    public MissingBinaryException(String binary, String installHint) {
        super(binary + " was not found on PATH. " + installHint);
        this.binary = binary;
    }

    /** The name of the missing executable. */
    public String binary() {
        return binary;
    }
}
