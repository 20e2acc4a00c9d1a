package dev.ripple.cli;

import dev.ripple.runtime.kafka.KafkaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The Kafka options of every command that runs a Ripple part (a picocli mixin): the cluster, and client properties
 * (TLS, SASL, …) that reach every Kafka client of the part, from a properties file and from the command line.
 */
public final class KafkaConnection {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]", defaultValue = "${env:RIPPLE_KAFKA}",
            description = "Kafka bootstrap servers (env RIPPLE_KAFKA).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = {"Kafka client properties (a Java "
            + "properties file: security.protocol, ssl.*, sasl.*, …)", "for every Kafka client of this part."})
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = {"A Kafka client property for every "
            + "Kafka client of this part, over --kafka-config;", "repeatable, e.g. --kafka-property "
            + "security.protocol=SSL."})
    List<String> properties = new ArrayList<>();

    /**
     * The settings these options name.
     *
     * @throws CliException when no bootstrap servers are given, the file cannot be read, or a property is not
     *     {@code KEY=VALUE}
     */
    public KafkaSettings settings() {
        return settings(Optional.empty());
    }

    /**
     * As {@link #settings()}, with {@code fallback} as the bootstrap servers when neither the option, RIPPLE_KAFKA
     * nor the file names any (the running {@code ripple up}'s, for {@code ripple replica}).
     */
    public KafkaSettings settings(Optional<String> fallback) {
        Map<String, String> all = new LinkedHashMap<>(read(configFile));
        all.putAll(parse(properties));
        String fromFile = all.remove("bootstrap.servers");
        String servers = !isBlank(bootstrapServers) ? bootstrapServers : !isBlank(fromFile) ? fromFile
                : fallback.orElseThrow(() -> new CliException("No Kafka cluster: pass --bootstrap-servers HOST:PORT "
                        + "(or set RIPPLE_KAFKA)."));
        return KafkaSettings.of(servers, all, KafkaSettings.UNNAMED);
    }

    /** The bootstrap servers these options name; see {@link #settings()}. */
    public String bootstrapServers() {
        return settings().bootstrapServers();
    }

    static Map<String, String> parse(List<String> properties) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0 || property.substring(0, eq).isBlank()) {
                throw new CliException("Invalid value '" + property + "' for option '--kafka-property': must be "
                        + "KEY=VALUE, e.g. security.protocol=SASL_SSL.");
            }
            parsed.put(property.substring(0, eq).trim(), property.substring(eq + 1));
        }
        return parsed;
    }

    private static Map<String, String> read(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("Cannot read --kafka-config " + file + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage())
                    + ". Give a readable Java properties file.");
        }
        Map<String, String> map = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(name -> map.put(name, loaded.getProperty(name)));
        return map;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
