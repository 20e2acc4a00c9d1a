package dev.ripple.propagator.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a value put into a URL template, as MediaWiki's {@code wfUrlencode} does: unreserved
 * characters and {@code / : @ ! $ * ( ) , ; ~} stay (titles keep their slashes and colons), everything else is
 * encoded as UTF-8, so a title with {@code ?}, {@code #}, {@code &}, {@code %} or a space cannot change the URL's
 * structure.
 */
final class UrlEncoding {
    private static final String KEEP = "-._~/:@!$*(),;";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {}

    static String encode(String value) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = b < 0x80 && (Character.isLetterOrDigit(b) || KEEP.indexOf(b) >= 0);
            if (keep) {
                if (out != null) {
                    out.append((char) b);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length + 16);
                out.append(value, 0, i); // every byte before i was ASCII, so chars and bytes line up
            }
            out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
        return out == null ? value : out.toString();
    }
}
