package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of one running 'ripple up' in headless Chromium, while events flow through the intake. Screenshots
 * are kept under {@code cli/target/artifacts/} ({@link #ARTIFACTS}), where a CI run's build directory keeps them.
 */
class DashboardBrowserIT {
    /** Where the screenshots go: {@code dashboard.png} after traffic, {@code dashboard-<width>.png} per width. */
    static final Path ARTIFACTS = Path.of("target", "artifacts");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RippleUp up;
    private static UpEndpoints endpoints;
    private static WebDriver browser;

    @BeforeAll
    static void start(@TempDir Path home) throws Exception {
        // a replica and a purger per region, each its own group, and the page open
        up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        endpoints = up.start();
        browser = WebDriver.start();
        browser.size(1440, 900);
        publish(5);
        browser.open(endpoints.http() + "/");
    }

    @AfterAll
    static void stop() {
        try (RippleUp closing = up) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void shouldShowTheThreeDemoRegionsAndNumbersThatChangeWhileEventsFlow() throws Exception {
        // it shows the three demo regions and the published count
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.script(
                "return Array.from(document.querySelectorAll('.region')).map(e => e.dataset.region)")
                .toString()).isEqualTo("[\"codfw\",\"eqiad\",\"esams\"]"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !text("intake-published").contains("no data"));
        String published = text("intake-published");
        String streamRecords = text("stream-edits-records");

        // when events keep flowing through the intake
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(3);
            return !text("intake-published").equals(published) && !text("stream-edits-records").equals(streamRecords);
        });

        // then the numbers on the page have grown, the throughput is measured and eqiad's lag shows
        assertThat(Long.parseLong(text("intake-published").replace(",", "")))
                .isGreaterThan(Long.parseLong(published.replace(",", "")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.script(
                "return document.querySelector('[data-region=eqiad]').innerText").asText())
                .containsPattern("STOP|OK|WARN|REBALANCING").contains("rec"));
        assertThat(browser.script("return document.querySelector('#groups').innerText").asText())
                .contains("ripple-replica-eqiad");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(text("intake-rate")).matches(
                "[0-9]+\\.[0-9]"));
    }

    @Test
    void shouldShowAValueInEveryRowOfEveryRegionCardAfterTraffic() throws Exception {
        // when events are applied and purged in every region
        publish(10);

        // then every row of every region card shows a value: no "no data yet", no "none in 5m"
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Map<String, String>> cards = cards();
            assertThat(cards).containsOnlyKeys("codfw", "eqiad", "esams");
            cards.forEach((region, rows) -> {
                assertThat(rows.keySet()).as(region).containsExactly("replication lag", "applied e2e", "purge lag",
                        "purged e2e", "propagated", "applied", "purged", "store");
                rows.forEach((row, value) -> assertThat(value).as(region + " " + row).isNotBlank()
                        .doesNotContain("no data yet").doesNotContain("none in"));
                assertThat(rows.get("applied e2e")).as(region).matches("p50 [0-9.]+ m?s · p99 [0-9.]+ m?s");
                assertThat(rows.get("purged e2e")).as(region).matches("p50 [0-9.]+ m?s · p99 [0-9.]+ m?s");
                assertThat(rows.get("applied")).as(region).matches("[0-9.,]+/s · [0-9,]+");
            });
        });
        screenshot(1440, ARTIFACTS.resolve("dashboard.png"));
        assertThat(ARTIFACTS.resolve("dashboard.png")).isNotEmptyFile();
    }

    @Test
    void shouldShowTheFreshnessNinesOfAProberInTheProcessOrSayThereIsNone() throws Exception {
        // given the process's own meters: a prober exports its judged pairs per region, target and delay
        boolean probing = get("/metrics").body().contains("ripple_probe_judged_total{");
        assertThat(JSON.readTree(get("/api/dashboard").body()).path("freshness").path("probing").asBoolean())
                .isEqualTo(probing);

        if (!probing) {
            // then the panel says there is none, without a number
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(text("freshness"))
                    .startsWith("— no prober in this process"));
            return;
        }
        // then a row per demo region's replica and purge target, and in each a cell per delay of the ladder: nines,
        // "≥ 6" (none missed) or "—" (none judged in the prober's window)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            int delays = browser.script("return document.querySelectorAll('#freshness thead th.num').length").asInt();
            JsonNode rows = browser.script("return Array.from(document.querySelectorAll('#freshness tbody tr'))"
                    + ".map(r => [r.dataset.region, r.dataset.target, Array.from(r.querySelectorAll('td.nines'))"
                    + ".map(td => td.innerText)])");
            List<String> targets = new ArrayList<>();
            rows.forEach(r -> targets.add(r.get(0).asText() + " " + r.get(1).asText()));
            assertThat(targets).contains("codfw replica", "eqiad replica", "esams replica", "eqiad purge/cache");
            assertThat(delays).isGreaterThanOrEqualTo(1);
            rows.forEach(r -> assertThat(r.get(2)).hasSize(delays)
                    .allSatisfy(cell -> assertThat(cell.asText()).matches("—|≥ 6|[0-9]\\.[0-9]")));
        });
    }

    @Test
    void shouldLayOutCardsChartsAndLegendsWithoutOverlapsFrom1280To1920PixelsWide() throws Exception {
        // given all four charts drawn, the lag charts with a legend line per consumer group
        publish(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
                "return document.querySelectorAll('.uplot').length").asInt() == 4
                && browser.script("return document.querySelectorAll('#chart-lag .u-series').length").asInt() >= 7);
        String problems = resource("layout-problems.js");

        for (int width : new int[] {1280, 1400, 1920}) {
            // when the window is that wide
            browser.size(width, 1000);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.script("return window.innerWidth").asInt()
                    == width);

            // then no card, panel or legend overlaps another or spills out of its own
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<String> found = new ArrayList<>();
                browser.script(problems).forEach(p -> found.add(p.asText()));
                assertThat(found).as("layout problems at " + width + " px").isEmpty();
            });
            screenshot(width, ARTIFACTS.resolve("dashboard-" + width + ".png"));
        }
    }

    @Test
    void shouldKeepTheChosenWindowAndTheChartsHistoryAcrossAReload() throws Exception {
        // given the page showing the last minute, its throughput chart drawn from a few samples
        publish(3);
        choose("1m");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.script("return location.search").asText()
                .equals("?window=1m") && points("chart-throughput") >= 3);

        // when it is reloaded
        browser.reload();

        // then its first drawing already has the history, over the minute still chosen
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> "live".equals(
                text("connection")));
        assertThat(points("chart-throughput")).isGreaterThanOrEqualTo(3);
        assertThat(browser.script("return document.getElementById('window').value").asText()).isEqualTo("1m");
        assertThat(browser.script("return document.querySelector('[data-region=eqiad]').innerText").asText())
                .doesNotContain("no data yet");
        choose("5m");
    }

    @Test
    void shouldRefuseAWindowItDoesNotKeepNamingTheOnesItDoes() throws Exception {
        HttpResponse<String> refused = get("/api/dashboard?window=2d");
        HttpResponse<String> hour = get("/api/regions?window=1h");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("Invalid value '2d' for window",
                "1m, 5m, 15m, 1h");
        assertThat(hour.statusCode()).isEqualTo(200);
        JsonNode window = JSON.readTree(hour.body()).path("window");
        assertThat(window.path("name").asText()).isEqualTo("1h");
        assertThat(window.path("seconds").asLong()).isEqualTo(3600);
    }

    /** Each region card's rows, {@code dt} text to {@code dd} text. */
    private static Map<String, Map<String, String>> cards() throws Exception {
        JsonNode cards = browser.script("return Array.from(document.querySelectorAll('.region')).map(c => ["
                + "c.dataset.region, Array.from(c.querySelectorAll('dt')).map(dt => [dt.innerText, "
                + "dt.nextElementSibling.innerText])])");
        Map<String, Map<String, String>> view = new LinkedHashMap<>();
        for (JsonNode card : cards) {
            Map<String, String> rows = new LinkedHashMap<>();
            card.get(1).forEach(row -> rows.put(row.get(0).asText(), row.get(1).asText()));
            view.put(card.get(0).asText(), rows);
        }
        return view;
    }

    /** Chooses a window in the page's selector, as a reader would. */
    private static void choose(String window) throws Exception {
        browser.script("var s = document.getElementById('window'); s.value = '" + window + "'; "
                + "s.dispatchEvent(new Event('change')); return null");
    }

    private static int points(String chart) throws Exception {
        return browser.script("return Number(document.getElementById('" + chart + "').dataset.points || 0)").asInt();
    }

    /** A screenshot of the whole page at {@code width}, in a window as tall as the page; then back to 1440x900. */
    private static void screenshot(int width, Path file) throws Exception {
        int frame = browser.script("return window.outerHeight - window.innerHeight").asInt();
        browser.size(width, browser.script("return document.documentElement.scrollHeight").asInt() + frame);
        browser.screenshot(file);
        browser.size(1440, 900);
    }

    private static String text(String id) throws Exception {
        return browser.script("return document.getElementById('" + id + "').innerText").asText();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = DashboardBrowserIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Edits with a domain, so that the demo rule's purge URL expands and every region purges them. */
    private static void publish(int events) throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < events; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                    + "\"en.example.org\"}, \"key\": \"enwiki:Page").append(i).append("\"}");
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http() + "/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch + "]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
