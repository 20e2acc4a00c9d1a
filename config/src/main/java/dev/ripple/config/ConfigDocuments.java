package dev.ripple.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.config.internal.DocumentJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes typed documents at their keys. Everything read or written is validated: the key against the
 * layout, the JSON against the document's record, and the names in the key against those in the document.
 * Thread-safe.
 */
public final class ConfigDocuments {
    private ConfigDocuments() {}

    /**
     * The document stored at {@code key}.
     *
     * @param json the stored value, JSON
     * @throws InvalidDocumentException naming the key and listing every problem
     */
    public static ConfigDocument parse(String key, String json) {
        return bind(key, parseTree(key, json, false));
    }

    /** The document of a store entry; see {@link #parse}. */
    public static ConfigDocument read(Entry entry) {
        return parse(entry.key(), entry.value());
    }

    /**
     * The document of {@code type} at {@code key} in a transaction, or empty if the key is absent.
     *
     * @throws InvalidDocumentException if it is present but invalid or of another kind
     */
    public static <T extends ConfigDocument> Optional<T> get(Txn txn, String key, Class<T> type) {
        return txn.get(key).map(ConfigDocuments::read).map(doc -> cast(key, doc, type));
    }

    /** The canonical JSON of a document, as stored. */
    public static String toJson(ConfigDocument document) {
        return DocumentJson.write(document);
    }

    /** Creates or replaces {@code document} at its key in a transaction. */
    public static void put(Txn txn, ConfigDocument document) {
        txn.put(document.key(), toJson(document));
    }

    /**
     * Turns what an operator wrote for {@code key} (YAML or JSON) into the JSON to store: fills the document's
     * name (or producer id, or purge target's region and name) from the key when left out, validates it, and for
     * a producer replaces a plaintext {@code token} by {@code token_hash} (keeping the existing hash if it still
     * matches the token, so that re-importing a file changes nothing).
     *
     * @param existing the entry now at {@code key}, if any
     * @throws InvalidDocumentException naming the key and listing every problem
     */
    public static String prepareForWrite(String key, String text, Optional<Entry> existing) {
        JsonNode tree = parseTree(key, text, true);
        if (tree instanceof ObjectNode object) {
            fillIdentity(key, object);
            if (object.has("token")) {
                hashToken(key, object, existing);
            }
        }
        return toJson(bind(key, tree));
    }

    /** The key already names the document; writing the name again in the body is optional. */
    private static void fillIdentity(String key, ObjectNode object) {
        ConfigKeys.parse(key).ifPresent(ref -> {
            switch (ref.kind()) {
                case EPOCH -> { }
                case PRODUCER -> putIfAbsent(object, "id", ref.name());
                case PURGE_TARGET -> {
                    putIfAbsent(object, "region", ref.region());
                    putIfAbsent(object, "name", ref.name());
                }
                default -> putIfAbsent(object, "name", ref.name());
            }
        });
    }

    private static void putIfAbsent(ObjectNode object, String field, String value) {
        if (!object.has(field) && value != null) {
            object.put(field, value);
        }
    }

    private static void hashToken(String key, ObjectNode object, Optional<Entry> existing) {
        JsonNode token = object.remove("token");
        if (object.has("token_hash")) {
            throw new InvalidDocumentException(key, List.of(new Problem("token", "give token or token_hash, "
                    + "not both")));
        }
        String id = object.path("id").asText();
        Optional<String> form = token.isTextual() ? ProducerTokens.formProblem(id, token.textValue())
                : Optional.of("must be a string");
        if (form.isPresent()) {
            throw new InvalidDocumentException(key, List.of(new Problem("token", form.get())));
        }
        String kept = existing.flatMap(e -> {
            try {
                JsonNode old = DocumentJson.parseJson(e.value()).get("token_hash");
                return old != null && ProducerTokens.verify(token.textValue(), old.asText())
                        ? Optional.of(old.asText()) : Optional.empty();
            } catch (InvalidDocumentException unreadable) {
                return Optional.empty();
            }
        }).orElseGet(() -> ProducerTokens.hash(token.textValue()));
        object.put("token_hash", kept);
    }

    private static JsonNode parseTree(String key, String text, boolean yaml) {
        List<Problem> keyProblems = ConfigKeys.problems(key);
        if (!keyProblems.isEmpty()) {
            throw new InvalidDocumentException(key, keyProblems);
        }
        try {
            return yaml ? DocumentJson.parseYamlOrJson(text) : DocumentJson.parseJson(text);
        } catch (InvalidDocumentException e) {
            throw e.at(key);
        }
    }

    private static ConfigDocument bind(String key, JsonNode tree) {
        ConfigKeys.Ref ref = ConfigKeys.parse(key).orElseThrow();
        ConfigDocument document;
        try {
            document = DocumentJson.bind(tree, ref.kind().type());
        } catch (InvalidDocumentException e) {
            throw e.at(key);
        }
        List<Problem> problems = new ArrayList<>();
        if (!document.key().equals(key)) {
            String field = document instanceof ProducerDoc ? "id"
                    : document instanceof PurgeTargetDoc t && !t.region().equals(ref.region()) ? "region" : "name";
            problems.add(new Problem(field, "does not match the key: the document belongs at " + document.key()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(key, problems);
        }
        return document;
    }

    private static <T extends ConfigDocument> T cast(String key, ConfigDocument doc, Class<T> type) {
        if (!type.isInstance(doc)) {
            throw new InvalidDocumentException(key, List.of(new Problem("", "is a " + doc.kind() + ", not a "
                    + type.getSimpleName())));
        }
        return type.cast(doc);
    }
}
