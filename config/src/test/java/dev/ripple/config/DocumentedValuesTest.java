package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * Every field of every kind of document (and of the records nested in one) is named in the README's row for
     * that kind, so a field an operator may set is never only in the code. The key fields (a document's name, id
     * or region, which its key says) and a token's stored hash (written by {@code ripple config token}) are not.
     */
    @Test
    void shouldNameEveryFieldOfEveryDocumentInTheReadmesConfigTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> missing = new ArrayList<>();
        for (DocumentKind kind : DocumentKind.values()) {
            Matcher row = Pattern.compile("(?m)^\\| `" + Pattern.quote(kind.prefix()) + "[^|]*\\|(.*)$")
                    .matcher(readme);
            assertThat(row.find()).as("the README's config table has a row for %s", kind.prefix()).isTrue();
            String named = Pattern.compile("`([^`]*)`").matcher(row.group(1)).results().map(m -> m.group(1))
                    .reduce("", (a, b) -> a + " " + b);
            for (String field : fields(kind.type())) {
                if (!Pattern.compile("(?<![a-z_])" + field + "(?![a-z_])").matcher(named).find()) {
                    missing.add(kind.prefix() + " " + field);
                }
            }
        }
        assertThat(missing).as("fields the README's config table does not name").isEmpty();
    }

    @Test
    void shouldImportTheReadmesHttpReplicaRegionAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher example = Pattern.compile("(?s)```yaml\n(regions:\n.*?http_replicas.*?)```").matcher(readme);
        assertThat(example.find()).as("the README shows a region with http_replicas").isTrue();

        ConfigImport.Plan plan = ConfigImport.parse(example.group(1));
        assertThat(plan.documents()).containsOnlyKeys("/ripple/regions/ulsfo");
        assertThat(ConfigDocuments.parse("/ripple/regions/ulsfo", plan.documents().get("/ripple/regions/ulsfo")))
                .isInstanceOfSatisfying(RegionDoc.class, region -> assertThat(region.httpReplicas()).isNotEmpty());
    }

    private static List<String> fields(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            if (List.of("name", "id", "region", "token_hash").contains(name)) {
                continue;
            }
            names.add(name);
            if (component.getType().isRecord() && component.getType().getEnclosingClass() == type) {
                names.addAll(fields(component.getType()));
            }
        }
        return names;
    }
}
