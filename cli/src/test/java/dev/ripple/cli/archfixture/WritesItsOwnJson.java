package dev.ripple.cli.archfixture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;

/** Breaks the wire-JSON rule on purpose, so ArchitectureTest can show the rule catches it. */
public final class WritesItsOwnJson {
    private WritesItsOwnJson() {}

    static String position(long offset) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField("offset", offset);
            generator.writeEndObject();
        }
        return out.toString();
    }
}
