package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain-text tables and numbers for the terminal commands. */
final class Text {
    private Text() {}

    /** Columns padded to their widest cell; the last column is not padded. */
    static String table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                out.append(i == row.size() - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + widths[i] + "s  ",
                        row.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A duration in ms as an operator reads it: {@code 850 ms}, {@code 12.3 s}, {@code 5 min}. */
    static String ms(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        return ms < 120_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 60_000) + " min";
    }

    /**
     * A field's text, or {@code -} when absent or null; a whole number without a fraction (a gauge's {@code 2.0},
     * a rule-set version, reads {@code 2}).
     */
    static String of(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isNumber() && !value.isIntegralNumber() && value.asDouble() == Math.rint(value.asDouble())
                && Math.abs(value.asDouble()) < 1e15) {
            return Long.toString(value.asLong());
        }
        return value.asText();
    }
}
