package dev.ripple.monitor.lag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Ripple consumer group, named {@code <prefix><component>[-<region>]}: {@code ripple-replica-eqiad},
 * {@code ripple-purger-esams}, {@code ripple-propagator} (the Streams application id). A dot may stand for the
 * hyphen ({@code ripple.replica.eqiad}).
 *
 * @param id the group id
 * @param component the component that owns it, e.g. {@code replica}
 * @param region the region it serves; null for a component that serves all regions (the propagator)
 */
public record RippleGroup(String id, String component, String region) {
    /** Components whose groups are per region: the part after the component is the region. */
    public static final Set<String> REGIONAL = Set.of("replica", "purger");

    public RippleGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(component, "component");
    }

    /**
     * Recognises a Ripple group by its prefix.
     *
     * @param prefixes group id prefixes, e.g. {@code ripple-}
     * @return empty if the id starts with none of them
     */
    public static Optional<RippleGroup> parse(String id, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (id.startsWith(prefix) && id.length() > prefix.length()) {
                String rest = id.substring(prefix.length());
                int cut = indexOfSeparator(rest);
                String component = cut < 0 ? rest : rest.substring(0, cut);
                String region = cut < 0 || !REGIONAL.contains(component) ? null : rest.substring(cut + 1);
                return Optional.of(new RippleGroup(id, component, region == null || region.isEmpty() ? null
                        : region));
            }
        }
        return Optional.empty();
    }

    private static int indexOfSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '-' || s.charAt(i) == '.') {
                return i;
            }
        }
        return -1;
    }
}
