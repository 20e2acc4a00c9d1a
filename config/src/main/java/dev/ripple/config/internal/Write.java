package dev.ripple.config.internal;

/** A buffered write of a transaction: a put, or a delete when {@code value} is null. */
record Write(String key, String value) {
    boolean isDelete() {
        return value == null;
    }
}
