package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard of a running 'ripple up' in headless Chromium, while events flow through the intake. */
class DashboardBrowserIT {
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldShowTheThreeDemoRegionsAndNumbersThatChangeWhileEventsFlow(@TempDir Path home) throws Exception {
        // given ripple up (a replica per region, each its own group) and the page open
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        try (up; WebDriver browser = WebDriver.start()) {
            publish(endpoints, 5);
            browser.open(endpoints.http() + "/");

            // then it shows the three demo regions and the published count
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.script(
                    "return Array.from(document.querySelectorAll('.region')).map(e => e.dataset.region)")
                    .toString()).isEqualTo("[\"codfw\",\"eqiad\",\"esams\"]"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !text(browser, "intake-published").contains("no data"));
            String published = text(browser, "intake-published");
            String streamRecords = text(browser, "stream-edits-records");

            // when events keep flowing through the intake
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                publish(endpoints, 3);
                return !text(browser, "intake-published").equals(published)
                        && !text(browser, "stream-edits-records").equals(streamRecords);
            });

            // then the numbers on the page have grown, the throughput is measured and eqiad's lag shows
            assertThat(Long.parseLong(text(browser, "intake-published").replace(",", "")))
                    .isGreaterThan(Long.parseLong(published.replace(",", "")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.script(
                    "return document.querySelector('[data-region=eqiad]').innerText").asText())
                    .containsPattern("STOP|OK|WARN|REBALANCING").contains("rec"));
            assertThat(browser.script("return document.querySelector('#groups').innerText").asText())
                    .contains("ripple-replica-eqiad");
            assertThat(browser.script("return document.querySelectorAll('.uplot').length").asInt()).isEqualTo(3);
            browser.screenshot(SCREENSHOT);
        }
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    private static String text(WebDriver browser, String id) throws Exception {
        return browser.script("return document.getElementById('" + id + "').innerText").asText();
    }

    private void publish(UpEndpoints endpoints, int events) throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < events; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"meta\": {\"stream\": \"edits\"}, \"key\": \"enwiki:Page")
                    .append(i).append("\"}");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoints.http() + "/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch + "]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
