package dev.ripple.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /**
     * Seeds only a store that has no document under {@code /ripple/} yet, so a real store is never overwritten.
     *
     * @return whether it seeded
     */
    public static boolean seedIfEmpty(ConfigStore store) {
        if (!store.list(ConfigKeys.ROOT).entries().isEmpty()) {
            return false;
        }
        seed(store);
        return true;
    }
}
