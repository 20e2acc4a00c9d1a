package dev.ripple.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.config.internal.DocumentJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports a config file (YAML or JSON) into a store in one transaction: {@code ripple config import}, the demo
 * config of {@code ripple up}, and the HTTP import all run this code. The file has one section per kind, each a
 * list of documents (an {@code epoch} is a number or a document):
 *
 * <pre>
 * epoch: 1
 * regions: [{name: eqiad}, …]
 * streams: [{name: edits}]
 * rules: [{name: page-edits, streams: [edits], …}]
 * conits: […]
 * purge_targets: [{region: eqiad, name: cache, type: redis}]
 * producers: [{id: mediawiki, token: "mediawiki.…", streams: [edits]}]
 * </pre>
 *
 * Thread-safe.
 */
public final class ConfigImport {
    private static final Map<String, DocumentKind> SECTIONS = sections();

    private ConfigImport() {}

    /** A parsed, validated file: the document for each key, as written (tokens not yet hashed). */
    public record Plan(Map<String, String> documents) {
        public Plan {
            documents = Collections.unmodifiableSortedMap(new TreeMap<>(documents));
        }
    }

    /** What an import changed, by key, and the revision it committed at. */
    public record Result(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted,
            long revision) {
        public Result {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }
    }

    /**
     * Parses and validates a file.
     *
     * @throws InvalidConfigException listing every problem of every document, each by key (or by position in
     *     the file when the document has no usable name)
     */
    public static Plan parse(String text) {
        JsonNode root;
        try {
            root = DocumentJson.parseYamlOrJson(text);
        } catch (InvalidDocumentException e) {
            throw new InvalidConfigException("Import refused", List.of(problem("(file)", e.problems())));
        }
        if (!root.isObject()) {
            throw new InvalidConfigException("Import refused", List.of(problem("(file)", List.of(new Problem("",
                    "must be a mapping of sections: " + SECTIONS.keySet())))));
        }
        Map<String, String> documents = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            DocumentKind kind = SECTIONS.get(section.getKey());
            if (kind == null) {
                problems.add(problem(section.getKey(), List.of(new Problem("", "unknown section; sections are "
                        + SECTIONS.keySet()))));
            } else if (kind == DocumentKind.EPOCH) {
                JsonNode epoch = section.getValue();
                add(ConfigKeys.EPOCH, epoch.isNumber() ? JsonNodeFactory.instance.objectNode().put("epoch",
                        epoch.longValue()) : epoch, documents, problems);
            } else if (!section.getValue().isArray()) {
                problems.add(problem(section.getKey(), List.of(new Problem("", "must be a list of documents"))));
            } else {
                for (int i = 0; i < section.getValue().size(); i++) {
                    JsonNode doc = section.getValue().get(i);
                    String key = keyOf(kind, doc);
                    if (key != null) {
                        add(key, doc, documents, problems);
                    } else {
                        problems.add(problem(section.getKey() + "[" + i + "]", unnamed(kind, doc)));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("Import refused", problems);
        }
        return new Plan(documents);
    }

    /**
     * Writes the plan's documents in one transaction, leaving unchanged ones alone. With {@code sync}, also
     * deletes every document of the six named kinds that the plan lacks (the epoch is never deleted).
     *
     * @throws InvalidConfigException if the result would have rules, purge targets or producers naming streams
     *     or regions that do not exist; nothing is written
     */
    public static Result apply(ConfigStore store, Plan plan, boolean sync) {
        AtomicReference<Result> outcome = new AtomicReference<>();
        long revision = store.txnRun(txn -> outcome.set(apply(txn, plan, sync)));
        Result result = outcome.get();
        return new Result(result.created(), result.updated(), result.unchanged(), result.deleted(), revision);
    }

    private static Result apply(Txn txn, Plan plan, boolean sync) {
        Map<String, Entry> existing = new HashMap<>();
        txn.list(ConfigKeys.ROOT).forEach(e -> existing.put(e.key(), e));
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<String, ConfigDocument> result = new TreeMap<>();
        plan.documents().forEach((key, text) -> {
            Entry old = existing.get(key);
            String json = ConfigDocuments.prepareForWrite(key, text, Optional.ofNullable(old));
            ConfigDocument document = ConfigDocuments.parse(key, json);
            ConfigWrites.loweredEpoch(Optional.ofNullable(old), document).ifPresent(lowered -> {
                throw new InvalidConfigException("Import refused", List.of(problem(key, List.of(lowered))));
            });
            result.put(key, document);
            if (old == null) {
                created.add(key);
                txn.put(key, json);
            } else if (DocumentJson.parseJson(json).equals(parsedOrNull(old.value()))) {
                unchanged.add(key);
            } else {
                updated.add(key);
                txn.put(key, json);
            }
        });
        for (Entry entry : existing.values()) {
            if (plan.documents().containsKey(entry.key())) {
                continue;
            }
            Optional<ConfigKeys.Ref> ref = ConfigKeys.parse(entry.key());
            if (sync && ref.isPresent() && ref.get().kind() != DocumentKind.EPOCH) {
                deleted.add(entry.key());
                txn.delete(entry.key());
            } else if (ref.isPresent()) {
                try {
                    result.put(entry.key(), ConfigDocuments.read(entry));
                } catch (InvalidDocumentException alreadyInvalid) {
                    // not this import's business; 'ripple config check' reports it
                }
            }
        }
        List<ConfigProblem> dangling = ConfigSnapshot.of(0, result.values()).danglingReferences(null);
        if (!dangling.isEmpty()) {
            throw new InvalidConfigException("Import refused", dangling);
        }
        Collections.sort(deleted);
        return new Result(created, updated, unchanged, deleted, 0);
    }

    /** {@link #parse} then {@link #apply}. */
    public static Result importText(ConfigStore store, String text, boolean sync) {
        return apply(store, parse(text), sync);
    }

    private static void add(String key, JsonNode doc, Map<String, String> documents, List<ConfigProblem> problems) {
        if (documents.containsKey(key)) {
            problems.add(problem(key, List.of(new Problem("", "appears twice in the file"))));
            return;
        }
        try {
            ConfigDocuments.prepareForWrite(key, doc.toString(), Optional.empty());
            documents.put(key, doc.toString());
        } catch (InvalidDocumentException e) {
            problems.add(problem(key, e.problems()));
        }
    }

    /** The problems of a document whose name is missing or invalid, so that it has no key. */
    private static List<Problem> unnamed(DocumentKind kind, JsonNode doc) {
        try {
            DocumentJson.bind(doc, kind.type());
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
        return List.of(new Problem(kind == DocumentKind.PRODUCER ? "id" : "name", "is missing or invalid"));
    }

    private static String keyOf(DocumentKind kind, JsonNode doc) {
        if (!(doc instanceof ObjectNode)) {
            return null;
        }
        String name = text(doc, kind == DocumentKind.PRODUCER ? "id" : "name");
        if (name == null || !Validation.NAME.matcher(name).matches()) {
            return null;
        }
        if (kind == DocumentKind.PURGE_TARGET) {
            String region = text(doc, "region");
            return region == null || !Validation.NAME.matcher(region).matches() ? null
                    : ConfigKeys.purgeTarget(region, name);
        }
        return kind.prefix() + name;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static JsonNode parsedOrNull(String json) {
        try {
            return DocumentJson.parseJson(json);
        } catch (InvalidDocumentException e) {
            return null;
        }
    }

    private static ConfigProblem problem(String key, List<Problem> problems) {
        return new ConfigProblem(key, 0, problems, null, null);
    }

    private static Map<String, DocumentKind> sections() {
        Map<String, DocumentKind> sections = new LinkedHashMap<>();
        for (DocumentKind kind : DocumentKind.values()) {
            sections.put(kind.segment().replace('-', '_'), kind);
        }
        return Collections.unmodifiableMap(sections);
    }
}
