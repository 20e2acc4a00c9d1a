package dev.ripple.cli.config;

import dev.ripple.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.EtcdOptions;
import dev.ripple.config.ProducerDoc;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import dev.ripple.testsupport.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code ripple config} subcommand against real etcd, each test in an etcd namespace of its own. */
@ExtendWith(EtcdExtension.class)
class ConfigCliIT {
    @TempDir
    Path dir;
    private String endpoint;
    private String namespace;
    private ConfigStore store;

    @BeforeEach
    void setUp(EtcdProcess etcd) {
        endpoint = etcd.endpoint();
        namespace = "/cli-it-" + UUID.randomUUID();
        store = ConfigStore.etcd(EtcdOptions.builder().endpoints(endpoint).namespace(namespace).build());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private CommandRun config(String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of("config", subcommand, "--etcd", endpoint, "--namespace",
                namespace));
        all.addAll(List.of(args));
        return Cli.ripple(all.toArray(String[]::new));
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldImportTheDemoConfigAndListAndGetIt() throws Exception {
        CommandRun imported = config("import", file("demo.yaml", DemoConfig.text()).toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("+ /ripple/regions/eqiad", "10 created, 0 updated, 0 unchanged, 0 deleted");
        assertThat(config("list").out().lines()).containsExactly("/ripple/conits/enwiki-pages", "/ripple/epoch",
                "/ripple/purge-targets/codfw/cache", "/ripple/purge-targets/eqiad/cache",
                "/ripple/purge-targets/esams/cache", "/ripple/regions/codfw", "/ripple/regions/eqiad", "/ripple/regions/esams", "/ripple/rules/page-edits",
                "/ripple/streams/edits");
        assertThat(config("list", "/ripple/regions/", "--values").out())
                .contains("/ripple/regions/esams {\"name\":\"esams\"");
        CommandRun got = config("get", "/ripple/rules/page-edits");
        assertThat(got.exitCode()).isZero();
        assertThat(got.out()).contains("\"name\" : \"page-edits\"", "\"replicate\"");
    }

    @Test
    void shouldSayWhatToDoWhenAKeyIsMissing() {
        CommandRun got = config("get", "/ripple/rules/nope");
        CommandRun deleted = config("delete", "/ripple/rules/nope");
        CommandRun edited = config("edit", "/ripple/rules/nope", "--editor", "true");

        assertThat(got.exitCode()).isEqualTo(1);
        assertThat(got.err()).startsWith("ripple: No key /ripple/rules/nope in the config store (etcd at")
                .contains("'ripple config list /ripple/rules/'").doesNotContain("Exception");
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.err()).contains("No key /ripple/rules/nope");
        assertThat(edited.err()).contains("No key /ripple/rules/nope to edit", "ripple config put");
    }

    @Test
    void shouldPutValidDocumentsAndRefuseInvalidOnesListingEveryProblem() throws Exception {
        CommandRun region = config("put", "/ripple/regions/ulsfo", "{name: ulsfo, description: San Francisco}");
        CommandRun stream = config("put", "/ripple/streams/edits", "-f", file("s.json", "{\"name\":\"edits\"}")
                .toString());
        CommandRun bad = config("put", "/ripple/rules/r1",
                "{name: r1, streams: [edits, nosuch], match: {key: '^(', op: [erase]}, replicate: {regions: [ulsfo]}}");
        CommandRun dangling = config("put", "/ripple/rules/r2",
                "{name: r2, streams: [nosuch], replicate: {regions: [ulsfo]}}");

        assertThat(region.exitCode()).as(region.err()).isZero();
        assertThat(region.out()).startsWith("put /ripple/regions/ulsfo at revision ");
        assertThat(stream.exitCode()).as(stream.err()).isZero();
        assertThat(store.get("/ripple/regions/ulsfo").orElseThrow().value()).contains("San Francisco");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("invalid document for /ripple/rules/r1; nothing was written:",
                "match.key: invalid regular expression", "match.op: unknown op 'erase'");
        assertThat(dangling.err()).contains("streams: no stream 'nosuch'");
        assertThat(store.get("/ripple/rules/r1")).isEmpty();
        assertThat(store.get("/ripple/rules/r2")).isEmpty();
    }

    @Test
    void shouldEditInTheEditorAndWriteBackOnlyValidChanges() throws Exception {
        DemoConfig.seed(store);
        Path raise = script("raise.sh", "sed -i 's/\"staleness_ms\" : 5000/\"staleness_ms\" : 9000/' \"$1\"");
        Path breakIt = script("break.sh", "sed -i 's/\"gate-reads\"/\"gate-read\"/' \"$1\"");

        CommandRun edited = config("edit", "/ripple/conits/enwiki-pages", "--editor", raise.toString());
        CommandRun unchanged = config("edit", "/ripple/conits/enwiki-pages", "--editor", "true");
        CommandRun broken = config("edit", "/ripple/conits/enwiki-pages", "--editor", breakIt.toString());

        assertThat(edited.exitCode()).as(edited.err()).isZero();
        assertThat(edited.out()).startsWith("put /ripple/conits/enwiki-pages at revision");
        assertThat(unchanged.out()).contains("no change to /ripple/conits/enwiki-pages");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("enforcement: 'gate-read' is not valid", "Your edit is in ");
        assertThat(store.get("/ripple/conits/enwiki-pages").orElseThrow().value())
                .contains("\"staleness_ms\":9000", "\"gate-reads\"");
    }

    @Test
    void shouldDeleteAKeyOrAPrefix() {
        DemoConfig.seed(store);

        CommandRun one = config("delete", "/ripple/rules/page-edits");
        CommandRun regions = config("delete", "/ripple/regions/", "--prefix");

        assertThat(one.out()).contains("deleted /ripple/rules/page-edits");
        assertThat(regions.out()).contains("deleted 3 key(s) under /ripple/regions/");
        assertThat(ConfigStore.keys(store.list("/ripple/").entries())).containsExactly(
                "/ripple/conits/enwiki-pages", "/ripple/epoch", "/ripple/purge-targets/codfw/cache",
                "/ripple/purge-targets/eqiad/cache", "/ripple/purge-targets/esams/cache", "/ripple/streams/edits");
    }

    @Test
    void shouldPrintEveryChangeAsItHappensWhileWatching() {
        CompletableFuture<CommandRun> watching = CompletableFuture.supplyAsync(
                () -> config("watch", "/ripple/regions/", "--count", "3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            // keep writing until the watch (started asynchronously) has seen three changes
            store.put("/ripple/regions/eqiad", "{\"name\":\"eqiad\"}");
            return watching.isDone();
        });

        CommandRun run = watching.join();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3).allSatisfy(line ->
                assertThat(line).matches("\\d+ PUT /ripple/regions/eqiad \\{\"name\":\"eqiad\"}"));
    }

    @Test
    void shouldImportWithSyncDeletingWhatTheFileLacks() throws Exception {
        DemoConfig.seed(store);
        store.put("/ripple/regions/ulsfo", "{\"name\":\"ulsfo\"}");
        Path smaller = file("smaller.yaml", "regions: [{name: eqiad}]\nstreams: [{name: edits}]\n");

        CommandRun run = config("import", smaller.toString(), "--sync");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("- /ripple/regions/ulsfo", "- /ripple/rules/page-edits",
                "~ /ripple/regions/eqiad", "0 created, 2 updated, 0 unchanged, 8 deleted");
        assertThat(ConfigStore.keys(store.list("/ripple/").entries())).containsExactly("/ripple/epoch",
                "/ripple/regions/eqiad", "/ripple/streams/edits");
    }

    @Test
    void shouldRefuseAnImportWithProblemsAndWriteNothing() throws Exception {
        CommandRun run = config("import", file("bad.yaml", "rules: [{name: r, streams: [edits]}]\n").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Import refused", "/ripple/rules/r", "a rule must replicate, purge, or both");
        assertThat(store.list("/ripple/").entries()).isEmpty();
    }

    @Test
    void shouldCheckTheConfigAndReportAnInvalidDocumentWrittenBehindItsBack() {
        DemoConfig.seed(store);
        CommandRun healthy = config("check");
        store.put("/ripple/streams/edits", "{\"name\": \"edits\", \"max_event_bytes\": -5}");

        CommandRun sick = config("check");

        assertThat(healthy.exitCode()).isZero();
        assertThat(healthy.out()).startsWith("ok: 10 documents valid at revision");
        assertThat(sick.exitCode()).isEqualTo(1);
        assertThat(sick.out()).contains("/ripple/streams/edits", "max_event_bytes: -5 is out of range",
                "streams: no stream 'edits'", "1 invalid, 1 dangling");
    }

    @Test
    void shouldPrintAProducerTokenThatNamesTheProducerAndCanBeStoredForIt() throws Exception {
        CommandRun token = Cli.ripple("config", "token", "wiki");
        String printed = token.out().strip();

        assertThat(token.exitCode()).isEqualTo(0);
        assertThat(printed).matches("wiki\\.[A-Za-z0-9_-]{43}");
        assertThat(config("put", "/ripple/producers/wiki", "{token: '" + printed + "', streams: ['*']}").exitCode())
                .isEqualTo(0);
        assertThat(((ProducerDoc) ConfigDocuments.parse("/ripple/producers/wiki", store.get("/ripple/producers/wiki")
                .orElseThrow().value())).accepts(printed)).isTrue();
        assertThat(Cli.ripple("config", "token", "Not A Name").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldTellHowToPointAtAStoreWhenThereIsNone() {
        CommandRun run = Cli.ripple("config", "list", "--up", "");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No config store to talk to: pass --etcd", "or start 'ripple up'");
    }

    private Path script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
