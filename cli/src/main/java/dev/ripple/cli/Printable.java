package dev.ripple.cli;

/** Text from outside (a key, a value given on the command line) made safe to print on a terminal. */
public final class Printable {
    private static final int MAX_CHARS = 120;

    private Printable() {}

    /**
     * {@code text} with control characters (an escape sequence in a hostile key) shown as {@code ?}, cut to 120
     * characters with an ellipsis; {@code -} for null.
     */
    public static String of(String text) {
        if (text == null) {
            return "-";
        }
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= MAX_CHARS ? clean : clean.substring(0, MAX_CHARS - 1) + "…";
    }
}
