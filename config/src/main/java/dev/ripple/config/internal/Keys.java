package dev.ripple.config.internal;

import java.util.Objects;

/** Checks on the keys and values given to a store. */
final class Keys {
    /** etcd's default limit for a request is 1.5 MiB; a config document is far smaller. */
    static final int MAX_VALUE_CHARS = 1024 * 1024;

    private Keys() {}

    static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith("/") || key.length() > 1024 || key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Invalid key '" + key + "': keys start with '/', have no control "
                    + "characters and at most 1024 characters");
        }
        return key;
    }

    static String requirePrefix(String prefix) {
        return requireKey(prefix);
    }

    static String requireValue(String key, String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("Value for " + key + " is " + value.length()
                    + " characters; at most " + MAX_VALUE_CHARS + " are stored");
        }
        return value;
    }
}
