package dev.ripple.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.config.ChangeEvent;
import dev.ripple.config.CheckReport;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.ConfigProblem;
import dev.ripple.config.Entry;
import dev.ripple.config.Listing;
import dev.ripple.config.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of the {@code /api/config/} HTTP API, both ways, so that server and client cannot disagree. */
final class ConfigWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private ConfigWire() {}

    static Map<String, Object> entry(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", e.key());
        m.put("value", e.value());
        m.put("create_revision", e.createRevision());
        m.put("mod_revision", e.modRevision());
        m.put("version", e.version());
        return m;
    }

    static Entry entry(JsonNode n) {
        return new Entry(n.path("key").asText(), n.path("value").asText(), n.path("create_revision").asLong(),
                n.path("mod_revision").asLong(), n.path("version").asLong());
    }

    static Map<String, Object> listing(Listing listing) {
        return Map.of("revision", listing.revision(), "entries", listing.entries().stream().map(ConfigWire::entry)
                .toList());
    }

    static Listing listing(JsonNode n) {
        List<Entry> entries = new ArrayList<>();
        n.path("entries").forEach(e -> entries.add(entry(e)));
        return new Listing(n.path("revision").asLong(), entries);
    }

    static Map<String, Object> event(ChangeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type().name());
        m.put("key", e.key());
        m.put("value", e.value());
        m.put("mod_revision", e.modRevision());
        return m;
    }

    static ChangeEvent event(JsonNode n) {
        JsonNode value = n.path("value");
        return new ChangeEvent(ChangeEvent.Type.valueOf(n.path("type").asText()), n.path("key").asText(),
                value.isNull() || value.isMissingNode() ? null : value.asText(), n.path("mod_revision").asLong());
    }

    static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("field", p.field(), "message", p.message()))
                .toList();
    }

    static List<Problem> problems(JsonNode n) {
        List<Problem> problems = new ArrayList<>();
        n.forEach(p -> problems.add(new Problem(p.path("field").asText(), p.path("message").asText())));
        return problems;
    }

    static List<Map<String, Object>> configProblems(List<ConfigProblem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.key());
            m.put("mod_revision", p.modRevision());
            m.put("problems", problems(p.problems()));
            m.put("last_good_revision", p.lastGoodRevision());
            m.put("detected_at", p.detectedAt() == null ? null : p.detectedAt().toString());
            return m;
        }).toList();
    }

    static List<ConfigProblem> configProblems(JsonNode n) {
        List<ConfigProblem> problems = new ArrayList<>();
        n.forEach(p -> problems.add(new ConfigProblem(p.path("key").asText(), p.path("mod_revision").asLong(),
                problems(p.path("problems")), p.path("last_good_revision").isNumber()
                        ? p.path("last_good_revision").asLong() : null,
                p.path("detected_at").isTextual() ? java.time.Instant.parse(p.path("detected_at").asText()) : null)));
        return problems;
    }

    static Map<String, Object> result(ConfigImport.Result r) {
        return Map.of("created", r.created(), "updated", r.updated(), "unchanged", r.unchanged(), "deleted",
                r.deleted(), "revision", r.revision());
    }

    static ConfigImport.Result result(JsonNode n) {
        return new ConfigImport.Result(strings(n.path("created")), strings(n.path("updated")),
                strings(n.path("unchanged")), strings(n.path("deleted")), n.path("revision").asLong());
    }

    static Map<String, Object> report(CheckReport r) {
        return Map.of("revision", r.revision(), "documents", r.documents(), "ok", r.ok(),
                "invalid", configProblems(r.invalid()), "dangling", configProblems(r.dangling()));
    }

    static CheckReport report(JsonNode n) {
        return new CheckReport(n.path("revision").asLong(), n.path("documents").asInt(),
                configProblems(n.path("invalid")), configProblems(n.path("dangling")));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(s -> out.add(s.asText()));
        return out;
    }
}
