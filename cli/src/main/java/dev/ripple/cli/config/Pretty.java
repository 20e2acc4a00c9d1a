package dev.ripple.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Indented JSON for people; text that is not JSON is shown as it is. */
final class Pretty {
    private Pretty() {}

    static String json(String text) {
        try {
            return ConfigWire.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(ConfigWire.JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
