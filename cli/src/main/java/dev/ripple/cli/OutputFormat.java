package dev.ripple.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -o json|table}, the output option of every read command (a picocli mixin). {@code table}, the default, is
 * for people; {@code json} prints one JSON document on stdout and nothing else, for scripts ({@code jq}), with the
 * same fields the ops API answers with. Messages that are not the answer go to stderr in both formats.
 */
public final class OutputFormat {
    /**
     * The formats; picocli refuses any other value, listing these. Lower case, as typed: picocli lists the
     * constants' names in its refusal (and with a lower-case {@code toString} it would list both spellings).
     */
    public enum Format {
        table, json
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json prints one JSON "
                    + "document and nothing else on stdout.")
    Format format = Format.table;

    /** The format asked for. */
    public Format format() {
        return format;
    }

    /** Whether {@code -o json} was asked for. */
    public boolean json() {
        return format == Format.json;
    }

    /** Prints {@code document} as indented JSON and a newline, and flushes. */
    public static void printPretty(PrintWriter out, JsonNode document) {
        out.println(write(document, true));
        out.flush();
    }

    /** Prints {@code document} as JSON on one line (one line of NDJSON), and flushes. */
    public static void printLine(PrintWriter out, JsonNode document) {
        out.println(write(document, false));
        out.flush();
    }

    private static String write(JsonNode document, boolean pretty) {
        try {
            return pretty ? EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document)
                    : EventJson.mapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // a JsonNode tree always serializes; this would be a bug
            throw new IllegalStateException("Could not write JSON: " + e.getMessage(), e);
        }
    }
}
