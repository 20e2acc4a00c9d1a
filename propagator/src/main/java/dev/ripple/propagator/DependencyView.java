package dev.ripple.propagator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ripple.events.Dependency;
import dev.ripple.events.RootEvent;
import java.util.List;
import java.util.Objects;

/**
 * What the propagator knows of one key's dependencies (DESIGN.md 14), read from the task that owns the key's
 * partition: what the key uses, what uses it, and its fan-out in progress. The answer of {@code GET /api/deps/KEY}.
 *
 * @param key the key asked about
 * @param partition its partition (of every source topic and of {@code ripple.deps})
 * @param stream the stream of the key's declaration; null when it declares nothing
 * @param uses what the key's last edit said it uses (parts null: all of it); empty when it declares nothing
 * @param usedBy how many dependents the index holds for the key
 * @param sample the first of them in index order, at most the number asked for
 * @param fanout the key's fan-out in progress, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DependencyView(String key, int partition, String stream, List<Dependency> uses,
        @JsonProperty("used_by") long usedBy, List<Dependent> sample, Fanout fanout) {
    public DependencyView {
        Objects.requireNonNull(key, "key");
        uses = List.copyOf(uses);
        sample = List.copyOf(sample);
    }

    /** Whether the propagator knows nothing of the key: no declaration, no dependent, no fan-out. */
    public boolean isUnknown() {
        return uses.isEmpty() && usedBy == 0 && sample.isEmpty() && fanout == null;
    }

    /**
     * One dependent of the key.
     *
     * @param key the dependent
     * @param stream its stream
     * @param parts the parts of the key it reads; null for all
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dependent(String key, String stream, List<String> parts) {}

    /**
     * A fan-out in progress.
     *
     * @param walked index entries walked so far
     * @param total the key's dependents when it started (or was last widened)
     * @param changedParts the parts that changed; null for all
     * @param root the edit that started the chain
     * @param triggeredBy the {@code meta.id} of the edit of the key
     * @param depth the depth of the derived events it writes
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fanout(long walked, long total, @JsonProperty("changed_parts") List<String> changedParts,
            @JsonProperty("root_event") RootEvent root, @JsonProperty("triggered_by") String triggeredBy,
            int depth) {}
}
