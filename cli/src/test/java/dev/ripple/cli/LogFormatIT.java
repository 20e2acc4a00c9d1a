package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of a {@code ripple} process as the jar's {@code logback.xml} writes it to standard error: dated lines, or
 * with {@code RIPPLE_LOG_FORMAT=json} one JSON object per line, and nothing at WARN or ERROR from a healthy
 * {@code ripple up}. Each runs as its own OS process (this test's classpath, so the jar's {@code logback.xml}, not the
 * tests' one), its standard output and error apart.
 */
@ExtendWith(KafkaExtension.class)
class LogFormatIT {
    /** ISO-8601 with milliseconds and the zone: {@code 2026-12-05T10:37:36.123Z}, {@code …+01:00}. */
    private static final Pattern DATED = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) (TRACE|DEBUG|INFO |WARN |ERROR) ");
    private static final String SAMPLING = "Lag monitor sampling ";
    private static final Pattern READY = Pattern.compile("ready in [0-9.]+ s at (http://\\S+) ");
    private static final Pattern WARNING = Pattern.compile(" (WARN |ERROR) ");
    /**
     * WARN and ERROR lines a healthy {@code ripple up} may still write, each with why: none. A line that appears here
     * is one an operator cannot act on; fix its cause (or, for Kafka's own, name it in {@link KafkaLogNoise}).
     */
    private static final List<Pattern> ALLOWED = List.of();

    @Test
    void shouldLogOneJsonObjectPerLineWhenTheFormatIsJson(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        Instant before = Instant.now();

        List<String> lines = runOps(kafka, Map.of(LogFormat.ENV, "json"), dir);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("timestamp").isIntegralNumber()).as(line).isTrue();
            assertThat(Instant.ofEpochMilli(event.path("timestamp").asLong())).as(line)
                    .isBetween(before.minusSeconds(1), Instant.now());
            assertThat(event.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("loggerName").asText()).as(line).isNotBlank();
            assertThat(event.path("formattedMessage").isTextual()).as(line).isTrue();
            events.add(event);
        }
        // the message with its arguments in place, on the line of its logger
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("formattedMessage").asText()).startsWith(SAMPLING + kafka.bootstrapServers());
            assertThat(event.path("level").asText()).isEqualTo("INFO");
            assertThat(event.path("loggerName").asText()).endsWith(".KafkaLagMonitor");
        });
    }

    @Test
    void shouldLogLinesDatedInIso8601WithTheZoneByDefault(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        List<String> lines = runOps(kafka, Map.of(), dir);

        assertThat(lines).anySatisfy(line -> assertThat(line).containsPattern(DATED)
                .contains("INFO  KafkaLagMonitor - " + SAMPLING + kafka.bootstrapServers()));
        // an event's first line is dated (a stack trace, or a message of several lines, continues below it)
        assertThat(lines.get(0)).containsPattern(DATED);
    }

    @Test
    void shouldLogNothingAtWarnOrErrorForAHealthyRippleUpFromStartThroughTrafficToSigterm(@TempDir Path dir)
            throws Exception {
        // given ripple up started as a user starts it, in a directory of its own outside the OS's temporary one
        // (RIPPLE_HOME is then ./.ripple), in a session of its own so that its process group can be signalled
        Path work = Files.createDirectories(Path.of("target", "log-quiet-it")).toAbsolutePath();
        Path home = Files.createTempDirectory(work, "up");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(PartProcess.ripple("512m"));
        command.addAll(List.of("up", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("RIPPLE_HOME");
        builder.environment().remove(LogFormat.ENV);
        Process up = builder.start();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                    READY.matcher(Files.readString(out)).find() || !up.isAlive());
            Matcher ready = READY.matcher(Files.readString(out));
            assertThat(ready.find()).as("standard output:\n%s\nstandard error:\n%s", Files.readString(out),
                    Files.readString(err)).isTrue();

            // when it carries traffic: 8 clients at once, 25 edits each, each read back in another region
            UpTraffic.run(ready.group(1), 8, 25);
        } finally {
            // and is stopped as a terminal's Ctrl-C or a service manager stops it: SIGTERM to its process group
            new ProcessBuilder("bash", "-c", "kill -TERM -- -" + up.pid()).inheritIO().start().waitFor();
            if (!up.waitFor(90, TimeUnit.SECONDS)) {
                up.destroyForcibly().waitFor();
            }
        }

        // then it stopped everything, and its log is dated, line by line, with nothing at WARN or ERROR
        assertThat(Files.readString(out)).contains("ripple up: stopped; nothing left running.");
        List<String> lines = Files.readString(err, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as("standard error").isNotEmpty().allSatisfy(line -> assertThat(line).containsPattern(DATED));
        assertThat(lines).filteredOn(line -> WARNING.matcher(line).find())
                .filteredOn(line -> ALLOWED.stream().noneMatch(allowed -> allowed.matcher(line).find()))
                .as("WARN and ERROR lines of a healthy ripple up").isEmpty();
        assertThat(home.resolve(".ripple")).isDirectory().isDirectoryNotContaining("glob:**/propagator-state");
    }

    /**
     * Runs {@code ripple ops} against {@code kafka} until it has logged that it samples, stops it with SIGTERM and
     * returns the lines of its standard error.
     */
    private static List<String> runOps(EmbeddedKafka kafka, Map<String, String> env, Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        List<String> command = PartProcess.ripple("256m");
        command.addAll(List.of("ops", "--bootstrap-servers", kafka.bootstrapServers(), "--port", "0", "--host",
                "127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(LogFormat.ENV);
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Files.readString(err, StandardCharsets.UTF_8).contains(SAMPLING) || !process.isAlive());
        } finally {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(stderr).as("standard error; standard output:\n" + Files.readString(out)).contains(SAMPLING);
        return stderr.lines().filter(line -> !line.isEmpty()).toList();
    }
}
