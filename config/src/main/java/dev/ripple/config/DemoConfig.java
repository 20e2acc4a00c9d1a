package dev.ripple.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo config {@code ripple up} starts with: regions {@code eqiad}, {@code codfw} and {@code esams}, stream
 * {@code edits}, rule {@code page-edits}, conit {@code enwiki-pages} and a Redis cache per region (purge
 * target {@code <region>/cache}). The YAML is the classpath resource {@value #RESOURCE}, loaded by the same code as {@code ripple config import}.
 */
public final class DemoConfig {
    public static final String RESOURCE = "/dev/ripple/config/demo-config.yaml";

    private DemoConfig() {}

    /** The demo config file's text. */
    public static String text() {
        try (InputStream in = DemoConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** Imports the demo config into {@code store}, leaving other documents alone. */
    public static ConfigImport.Result seed(ConfigStore store) {
        return ConfigImport.importText(store, text(), false);
    }

    /** The names of the demo config's regions, sorted. */
    public static List<String> regions() {
        return regionsOf(ConfigImport.parse(text()).documents());
    }

    private static List<String> regionsOf(Map<String, String> documents) {
        return documents.keySet().stream().filter(key -> key.startsWith(DocumentKind.REGION.prefix()))
                .map(key -> key.substring(DocumentKind.REGION.prefix().length())).toList();
    }

    /**
     * Checks that the demo config has each of {@code wanted}.
     *
     * @throws IllegalArgumentException naming the ones it lacks and the demo's regions
     */
    public static void requireRegions(Collection<String> wanted) {
        List<String> demo = regions();
        List<String> unknown = wanted.stream().filter(r -> !demo.contains(r)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("No region " + String.join(", ", unknown)
                    + " in the demo config; its regions are " + String.join(", ", demo) + ".");
        }
    }

    /**
     * Seeds only a store that has no document under {@code /ripple/} yet, so a real store is never overwritten;
     * with {@code regions} given, only those of the demo's regions and their purge targets, so that nothing is
     * routed to a region nobody runs.
     *
     * @param regions the demo regions to keep; empty for all of them
     * @return whether it seeded
     * @throws IllegalArgumentException naming the demo's regions if the store is empty and one of {@code regions}
     *     is not among them; nothing is written
     */
    public static boolean seedIfEmpty(ConfigStore store, Collection<String> regions) {
        if (!store.list(ConfigKeys.ROOT).entries().isEmpty()) {
            return false;
        }
        requireRegions(regions);
        Map<String, String> kept = new LinkedHashMap<>(ConfigImport.parse(text()).documents());
        if (!regions.isEmpty()) {
            for (String dropped : regionsOf(kept)) {
                if (!regions.contains(dropped)) {
                    kept.remove(ConfigKeys.region(dropped));
                    kept.keySet().removeIf(key -> key.startsWith(ConfigKeys.purgeTargets(dropped)));
                }
            }
        }
        ConfigImport.apply(store, new ConfigImport.Plan(kept), false);
        return true;
    }
}
