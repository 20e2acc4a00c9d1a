package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ripple.cli.parts.ConitsTrackCommand;
import dev.ripple.cli.parts.OpsCommand;
import dev.ripple.cli.parts.ProbeCommand;
import dev.ripple.cli.parts.ProducerCommand;
import dev.ripple.cli.parts.PropagatorCommand;
import dev.ripple.cli.parts.PurgerCommand;
import dev.ripple.cli.parts.ReplicaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment recipes run exactly the command lines README's "Production deployment" gives, each part on its
 * default port with its probes: the Kubernetes base as {@code kubectl kustomize} renders it, the systemd units as
 * {@code systemd-analyze verify} reads them, and the container image's entry point.
 */
class DeployManifestsIT {
    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Each part's default port, from the commands themselves. */
    private static final Map<String, Integer> PORTS = Map.of("producer", ProducerCommand.DEFAULT_PORT,
            "propagator", PropagatorCommand.DEFAULT_PORT, "replica", ReplicaCommand.DEFAULT_PORT,
            "purger", PurgerCommand.DEFAULT_PORT, "conits", ConitsTrackCommand.DEFAULT_PORT,
            "ops", OpsCommand.DEFAULT_PORT, "probe", ProbeCommand.DEFAULT_PORT);

    @Test
    void shouldRenderTheKubernetesBaseWithOneWorkloadPerReadmeLineOnItsPortWithProbes() throws Exception {
        // given what README tells an operator to run
        ProductionCommands readme = ProductionCommands.read();

        // when kubectl renders the kustomize base
        Run render = run("kubectl", "kustomize", DEPLOY.resolve("kubernetes/base").toString());
        assertThat(render.exitCode()).as(render.output()).isZero();
        List<JsonNode> workloads = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(render.output())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                kinds.add(doc.path("kind").asText());
                if (List.of("Deployment", "StatefulSet").contains(doc.path("kind").asText())) {
                    workloads.add(doc);
                }
            }
        }

        // then every README line runs in exactly one container, with the README's own variables, on its port
        assertThat(kinds).contains("ConfigMap", "Secret", "PodDisruptionBudget", "Service", "StatefulSet");
        List<List<String>> containerArgs = new ArrayList<>();
        for (JsonNode workload : workloads) {
            JsonNode container = workload.path("spec").path("template").path("spec").path("containers").get(0);
            List<String> args = strings(container.path("args"));
            containerArgs.add(args);
            ProductionCommands.Line line = readme.lines().stream().filter(l -> l.args().equals(args)).findFirst()
                    .orElseThrow(() -> new AssertionError("no README line runs " + args));
            int port = port(line);
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as("port of " + args)
                    .isEqualTo(port);
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
            Map<String, String> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            // each propagator instance's own address (README: every instance names it) is not in the shared line
            if (line.part().equals("propagator")) {
                assertThat(env.remove("RIPPLE_ADVERTISED_ADDRESS")).as("the propagator's advertised address")
                        .isEqualTo("$(POD_IP):8083");
                assertThat(container.path("env").toString()).contains("status.podIP");
                env.remove("POD_IP");
            }
            assertThat(env).as("variables of " + args).isEqualTo(line.env());
            assertThat(container.path("envFrom").toString()).contains("ripple-env", "ripple-secrets");
        }
        assertThat(containerArgs).containsExactlyInAnyOrderElementsOf(readme.args());
        // and README's exported settings come from the ConfigMap, its secrets from the Secret
        Map<String, JsonNode> byKind = new HashMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(render.output())) {
            docs.forEachRemaining(doc -> byKind.putIfAbsent(doc.path("kind").asText(), doc));
        }
        List<String> provided = new ArrayList<>();
        byKind.get("ConfigMap").path("data").fieldNames().forEachRemaining(provided::add);
        byKind.get("Secret").path("stringData").fieldNames().forEachRemaining(provided::add);
        assertThat(provided).containsAll(readme.exported().keySet());
        // and the propagator keeps its state on a volume of its own
        JsonNode propagator = workloads.stream().filter(w -> w.path("kind").asText().equals("StatefulSet"))
                .findFirst().orElseThrow();
        assertThat(propagator.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name")
                .asText()).isEqualTo("state");
    }

    @Test
    void shouldVerifyEverySystemdUnitAndRunTheReadmeLinesInThem(@TempDir Path dir) throws Exception {
        ProductionCommands readme = ProductionCommands.read();
        List<List<String>> unitArgs = new ArrayList<>();
        try (Stream<Path> units = Files.list(DEPLOY.resolve("systemd"))) {
            for (Path unit : units.filter(p -> p.toString().endsWith(".service")).sorted().toList()) {
                String text = Files.readString(unit);
                String exec = text.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
                List<String> args = Arrays.asList(exec.substring(exec.indexOf("ripple.jar ") + "ripple.jar ".length())
                        .replace("%i", "eqiad")
                        .split("\\s+"));
                unitArgs.add(args);
                if (args.get(0).equals("propagator")) {
                    assertThat(text).as(unit + " names the instance's address").contains(
                            "Environment=RIPPLE_ADVERTISED_ADDRESS=%H:8083");
                }
                // an instance of a template unit is what systemd verifies
                Path copy = dir.resolve(unit.getFileName().toString().replace("@.service", "@eqiad.service"));
                Files.writeString(copy, text);
                if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
                    Run verify = run("systemd-analyze", "verify", copy.toString());
                    assertThat(verify.exitCode()).as(unit + ": " + verify.output()).isZero();
                    assertThat(verify.output()).as(unit.toString())
                            .doesNotContain("Unknown", "Failed", "Invalid", "bad-setting");
                }
            }
        }
        assertThat(unitArgs).containsExactlyInAnyOrderElementsOf(readme.args());
    }

    @Test
    void shouldRunTheJarOfThisBuildInTheContainerImage() throws IOException {
        String recipe = Files.readString(DEPLOY.resolve("container/Containerfile"));

        assertThat(recipe).contains("COPY cli/target/ripple.jar /opt/ripple/ripple.jar")
                .containsPattern("ENTRYPOINT \\[\"java\", .*\"-jar\", \"/opt/ripple/ripple.jar\"\\]");
        assertThat(Path.of("target", "ripple.jar")).as("the jar the recipe copies, built by this module").exists();
    }

    /** The port a README line's part serves on: its {@code --port}, else the command's default. */
    static int port(ProductionCommands.Line line) {
        return line.option("--port") != null ? Integer.parseInt(line.option("--port")) : PORTS.get(line.part());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private record Run(int exitCode, String output) {}

    private static Run run(String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("ripple-deploy", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(process.exitValue(), output + Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
