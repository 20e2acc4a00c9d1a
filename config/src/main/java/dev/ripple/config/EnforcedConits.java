package dev.ripple.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The conits of one enforcement mode in a {@link ConfigView}, with their key patterns compiled once per config
 * revision: what the write throttle and the read gate ask on every request. Thread-safe.
 */
public final class EnforcedConits {
    private record Compiled(long revision, List<ConitDoc> conits, List<RulePattern> keys) {}

    private final ConfigView view;
    private final ConitDoc.Enforcement enforcement;
    private final AtomicReference<Compiled> compiled = new AtomicReference<>(new Compiled(-1, List.of(), List.of()));

    public EnforcedConits(ConfigView view, ConitDoc.Enforcement enforcement) {
        this.view = Objects.requireNonNull(view, "view");
        this.enforcement = Objects.requireNonNull(enforcement, "enforcement");
    }

    /** The conits of this enforcement mode whose keys include {@code key}; empty (and no allocation) for none. */
    public List<ConitDoc> covering(String key) {
        Compiled current = current();
        List<ConitDoc> covering = List.of();
        for (int i = 0; i < current.keys().size(); i++) {
            if (current.keys().get(i).matches(key)) {
                if (covering.isEmpty()) {
                    covering = new ArrayList<>(2);
                }
                covering.add(current.conits().get(i));
            }
        }
        return covering;
    }

    private Compiled current() {
        ConfigSnapshot snapshot = view.snapshot();
        Compiled current = compiled.get();
        if (current.revision() == snapshot.revision()) {
            return current;
        }
        List<ConitDoc> conits = snapshot.conits().values().stream()
                .filter(c -> c.enforcement() == enforcement).toList();
        Compiled fresh = new Compiled(snapshot.revision(), conits,
                conits.stream().map(c -> c.keys().compile()).toList());
        compiled.set(fresh);
        return fresh;
    }
}
