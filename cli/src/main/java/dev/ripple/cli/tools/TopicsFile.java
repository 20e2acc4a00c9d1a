package dev.ripple.cli.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ripple.cli.CliException;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every topic of one Ripple installation, as a file an operator reviews, keeps in version control and applies with
 * {@code ripple topics create}: name, kind, partitions, replication factor and topic configs (cleanup policy,
 * retention, largest message). {@code ripple topics plan} writes it from the config's streams and regions.
 *
 * @param topics one entry per topic, in the order they are created
 */
public record TopicsFile(List<Entry> topics) {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * One topic.
     *
     * @param replicationFactor -1 for the broker's default
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entry(String name, String kind, int partitions,
            @JsonProperty("replication_factor") short replicationFactor, Map<String, String> configs) {
        TopicSpec spec() {
            TopicSpec.Kind parsed;
            try {
                parsed = TopicSpec.Kind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new CliException("Invalid kind '" + kind + "' of topic " + name + ": one of "
                        + Arrays.stream(TopicSpec.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)
                                .replace('_', '-')).collect(Collectors.joining(", ")) + ".");
            }
            return new TopicSpec(name, parsed, partitions, replicationFactor, configs == null ? Map.of() : configs);
        }

        static Entry of(TopicSpec spec) {
            return new Entry(spec.name(), spec.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    spec.partitions(), spec.replicationFactor(), new TreeMap<>(spec.configs()));
        }
    }

    public TopicsFile {
        topics = List.copyOf(topics);
    }

    /**
     * The topics an installation with {@code config}'s streams and regions uses: each stream and its latest-state
     * topic; each region's replicate and purge topics; {@code ripple.derived}, {@code ripple.deps}, the conit log, positions and conit status, the intake's refusals, and the dead-letter topic of every consumer
     * that writes one (the intake, the propagator and its conflicts, each region's purger and replica).
     */
    public static TopicsFile plan(ConfigSnapshot config, RippleTopics topics) {
        List<String> deadLetterConsumers = new ArrayList<>(List.of(TopicNames.INTAKE, TopicNames.CONFLICTS,
                "propagator"));
        config.regions().keySet().forEach(region -> {
            deadLetterConsumers.add("purger." + region);
            deadLetterConsumers.add("replica." + region);
        });
        return new TopicsFile(topics.all(config.streams().keySet(), config.regions().keySet(), deadLetterConsumers,
                List.of()).stream().map(Entry::of).toList());
    }

    /** The specs, validated. */
    public List<TopicSpec> specs() {
        try {
            return topics.stream().map(Entry::spec).toList();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
    }

    /** @throws CliException naming the file and what is wrong in it */
    public static TopicsFile read(Path file) {
        try {
            TopicsFile read = YAML.readValue(Files.readString(file), TopicsFile.class);
            if (read == null || read.topics().isEmpty()) {
                throw new CliException("No topics in " + file + ": write them with 'ripple topics plan'.");
            }
            read.specs();
            return read;
        } catch (IOException e) {
            throw new CliException("Could not read the topics file " + file + ": " + e.getMessage().lines()
                    .findFirst().orElse("") + ".");
        }
    }

    /** The file's YAML, with a comment saying how to apply it. */
    public String toYaml() {
        try {
            return "# Every Ripple topic of this installation. Apply with: ripple topics create --file <this file>\n"
                    + "# Verify with: ripple topics check --file <this file> (exits 1 and lists what differs)\n"
                    + "# A topic without configs keeps the broker's defaults (cleanup.policy=delete, its retention).\n"
                    + YAML.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the topics file", e);
        }
    }
}
