package dev.ripple.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a resource key may be, for every part that writes or reads one: 1 to {@value #MAX_BYTES} bytes of UTF-8,
 * no control characters, no lone surrogates, not {@code .} or {@code ..} (a URL path cannot carry those as a
 * segment: clients and servers remove them, so the key would address its parent). The intake refuses other keys, so
 * that every acknowledged key can be read back through the read API and stored in every replica and cache.
 * Thread-safe.
 *
 * <p>A client puts a key in the read API's URL as one path segment, {@link #pathSegment percent-encoded}: at most
 * 3 × {@value #MAX_BYTES} characters, which with a session token of the longest the read API reads
 * ({@code SessionTokenCodec.MAX_TOKEN_CHARS}, 4,096) stays within the 8 KiB of request line and headers the read
 * API's server accepts (Jetty's default; more answers 431 or 414). {@code ReadApiHostileIT} sends that request.
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
        if (key.equals(".") || key.equals("..")) {
            return Optional.of("is a dot segment, which a URL path cannot carry (the read API and HTTP replicas would "
                    + "address its parent); use another key");
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

    /**
     * {@code text} as one URL path segment, as the read API reads it back: its UTF-8 bytes percent-encoded, but for
     * RFC 3986's unreserved characters ({@code A-Z a-z 0-9 - . _ ~}). Not {@link java.net.URLEncoder}'s form
     * encoding: its {@code +} for a space is a {@code +} in a path, so {@code "a b"} would read the key {@code "a+b"}.
     */
    public static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
