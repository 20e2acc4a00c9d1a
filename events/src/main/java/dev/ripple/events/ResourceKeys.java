package dev.ripple.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a resource key may be, for every part that writes or reads one: 1 to {@value #MAX_BYTES} bytes of UTF-8,
 * no control characters, no lone surrogates. The intake refuses other keys, so that every acknowledged key can be
 * read back through the read API and stored in every replica and cache. Thread-safe.
 */
public final class ResourceKeys {
    /** The longest key, in UTF-8 bytes (the schema's {@code maxLength} counts characters, which may be longer). */
    public static final int MAX_BYTES = 1024;

    private ResourceKeys() {}

    /** Why {@code key} is not a usable resource key, or empty when it is. */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("must not be empty");
        }
        Optional<String> text = textProblem(key);
        if (text.isPresent()) {
            return text;
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_BYTES ? Optional.of("is " + bytes + " bytes of UTF-8, over the limit of " + MAX_BYTES
                + " bytes (the read API reads no longer keys); use a shorter key or a hash of it") : Optional.empty();
    }

    /** Why {@code text} cannot be carried intact (a control character or a lone surrogate), or empty. */
    public static Optional<String> textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("contains control character U+" + hex(c) + " at index " + i
                        + "; remove it or percent-encode it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains a lone surrogate U+" + hex(c) + " at index " + i
                        + ", which is not Unicode text");
            }
        }
        return Optional.empty();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
