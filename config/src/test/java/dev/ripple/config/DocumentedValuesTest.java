package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the root README tells operators to write is what the config store accepts. */
class DocumentedValuesTest {
    @Test
    void shouldAcceptEveryConflictPolicyTheReadmeDocuments() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher row = Pattern.compile("`conflict_policy` \\(([^)]*)\\)").matcher(readme);
        assertThat(row.find()).as("the README documents conflict_policy").isTrue();
        List<String> values = new ArrayList<>();
        Pattern.compile("`([^`]+)`").matcher(row.group(1)).results().forEach(m -> values.add(m.group(1)));

        assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(ConfigDocuments.parse("/ripple/streams/edits",
                "{\"name\": \"edits\", \"conflict_policy\": \"" + value + "\"}")).isInstanceOf(StreamDoc.class));
    }
}
