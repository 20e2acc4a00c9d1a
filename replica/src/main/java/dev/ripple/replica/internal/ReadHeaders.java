package dev.ripple.replica.internal;

import java.util.Locale;

/** Parses the read API's request headers (DESIGN.md 6.1); every problem is a {@link BadHeader} naming it. */
final class ReadHeaders {
    static final String TOKEN = "Ripple-Session-Token";
    static final String MAX_STALENESS = "Ripple-Max-Staleness";
    static final String ON_VIOLATION = "Ripple-On-Violation";
    static final String APPLIED_POSITION = "Ripple-Applied-Position";
    static final String STALENESS = "Ripple-Staleness-Ms";
    static final String SERVED_BY = "Ripple-Served-By";
    static final String REDIRECT_REGION = "Ripple-Redirect-Region";
    static final String INVALIDATED = "Ripple-Invalidated";
    private static final int MAX_HEADER_CHARS = 128;

    private ReadHeaders() {}

    /** What to do when the region cannot serve the read now. */
    enum Mode { WAIT, REDIRECT, REFUSE }

    /** {@code Ripple-On-Violation}: a mode, and for {@code WAIT} the wait in ms. */
    record OnViolation(Mode mode, long waitMs) {}

    /** {@code Ripple-Max-Staleness}: either bound may be absent (null). */
    record MaxStaleness(Long ms, Long versions) {
        static final MaxStaleness NONE = new MaxStaleness(null, null);

        boolean isNone() {
            return ms == null && versions == null;
        }
    }

    /** A request header that cannot be understood. */
    static final class BadHeader extends RuntimeException {
        BadHeader(String header, String value, String expected) {
            super("Invalid " + header + " header '" + printable(value) + "': expected " + expected + ".");
        }
    }

    static OnViolation onViolation(String value, long defaultWaitMs) {
        if (value == null || value.isBlank()) {
            return new OnViolation(Mode.WAIT, defaultWaitMs);
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("redirect")) {
            return new OnViolation(Mode.REDIRECT, 0);
        }
        if (v.equals("refuse")) {
            return new OnViolation(Mode.REFUSE, 0);
        }
        if (v.startsWith("wait=")) {
            return new OnViolation(Mode.WAIT, number(ON_VIOLATION, value, v.substring(5), "wait=<ms>, redirect or refuse"));
        }
        throw new BadHeader(ON_VIOLATION, value, "wait=<ms>, redirect or refuse");
    }

    static MaxStaleness maxStaleness(String value) {
        if (value == null || value.isBlank()) {
            return MaxStaleness.NONE;
        }
        String expected = "ms=<T>, versions=<K> (either or both)";
        Long ms = null;
        Long versions = null;
        for (String part : value.split(",", -1)) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("ms=") && ms == null) {
                ms = number(MAX_STALENESS, value, p.substring(3), expected);
            } else if (p.startsWith("versions=") && versions == null) {
                versions = number(MAX_STALENESS, value, p.substring(9), expected);
            } else {
                throw new BadHeader(MAX_STALENESS, value, expected);
            }
        }
        return new MaxStaleness(ms, versions);
    }

    private static long number(String header, String value, String digits, String expected) {
        if (value.length() > MAX_HEADER_CHARS || !digits.matches("[0-9]{1,12}")) {
            throw new BadHeader(header, value, expected);
        }
        return Long.parseLong(digits);
    }

    /** Echoes client input safely: printable ASCII, at most 32 characters. */
    static String printable(String s) {
        String t = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        StringBuilder out = new StringBuilder();
        t.codePoints().forEach(c -> out.appendCodePoint(c >= 0x20 && c < 0x7f ? c : '?'));
        return out.toString();
    }
}
