package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.PurgeRecord;
import dev.ripple.runtime.http.TargetPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class HttpTiersIT {
    private final List<CdnNode> backend = List.of(new CdnNode("be1"), new CdnNode("be2"));
    private final List<CdnNode> frontend = List.of(new CdnNode("fe1"), new CdnNode("fe2"), new CdnNode("fe3"));
    private PurgerFixture fixture;

    @BeforeEach
    void start(EmbeddedKafka kafka) {
        fixture = new PurgerFixture(kafka, "cdn");
        fixture.target(new PurgeTargetDoc(fixture.region, "cdn", PurgeTargetDoc.Type.HTTP, null, null,
                List.of(new PurgeTargetDoc.Tier("backend", backend.stream().map(CdnNode::uri).toList()),
                        new PurgeTargetDoc.Tier("frontend", frontend.stream().map(CdnNode::uri).toList())),
                2000L, 64, null, null, Map.of("X-Purge-Secret", "s3")));
    }

    @AfterEach
    void stop() {
        fixture.close();
        Stream.concat(backend.stream(), frontend.stream()).forEach(CdnNode::close);
    }

    @Test
    void shouldPurgeEveryUrlOnEveryNodeOfEveryTierAndTheSecondTierOnlyAfterTheFirst() throws Exception {
        // given 150 purges of two URLs each, across partitions, two connections per node
        fixture.start(fixture.config().withLimits(PurgerLimits.defaults().withConnectionsPerNode(2)));
        List<PurgeRecord> purges = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            purges.add(Purges.urls("enwiki:Page_" + i, i % 3, i, "https://en.example.org/wiki/Page_" + i,
                    "https://en.example.org/api/page/Page_" + i + "?redirect=no"));
        }

        // when they are read
        fixture.send(purges.toArray(PurgeRecord[]::new));

        // then every node of both tiers gets the PURGE of every URL, with the URL's host
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.receipts.size() == 150
                && fixture.committedToTheEnd());
        for (CdnNode node : allNodes()) {
            assertThat(node.hits).as(node.name).hasSize(300).allSatisfy(hit -> {
                assertThat(hit.method()).isEqualTo("PURGE");
                assertThat(hit.host()).isEqualTo("en.example.org");
            });
            assertThat(node.hits.stream().map(h -> h.purgeId() + h.path()).distinct()).hasSize(300);
            // persistent connections, at most two per node
            assertThat(node.hits.stream().map(CdnNode.Hit::clientPort).distinct().count()).isBetween(1L, 2L);
        }
        // and for each purge and URL, every backend node received it before any frontend node did
        Map<String, List<CdnNode.Hit>> byPurge = allNodes().stream().flatMap(n -> n.hits.stream())
                .collect(Collectors.groupingBy(h -> h.purgeId() + " " + h.path()));
        assertThat(byPurge).hasSize(300);
        byPurge.forEach((purge, hits) -> {
            long lastBackend = hits.stream().filter(h -> h.node().startsWith("be")).mapToLong(CdnNode.Hit::arrived)
                    .max().orElseThrow();
            long firstFrontend = hits.stream().filter(h -> h.node().startsWith("fe"))
                    .mapToLong(CdnNode.Hit::arrived).min().orElseThrow();
            assertThat(firstFrontend).as(purge).isGreaterThan(lastBackend);
        });
        // and each receipt says so, tier by tier
        assertThat(fixture.receipts).allSatisfy(receipt -> {
            var tiers = receipt.targets().get(0).tiers();
            assertThat(tiers).extracting(PurgeReceipt.TierAck::tier).containsExactly("backend", "frontend");
            assertThat(tiers).extracting(PurgeReceipt.TierAck::requests).containsExactly(4, 6);
            assertThat(tiers.get(0).acknowledged()).isBeforeOrEqualTo(tiers.get(1).acknowledged());
        });
    }

    @Test
    void shouldWaitOutANodeThatAnswers503AndDeadLetterWhatANodeRefuses() throws Exception {
        // given a frontend node that is overloaded for its first 40 requests
        AtomicInteger seen = new AtomicInteger();
        frontend.get(1).answer(() -> seen.incrementAndGet() <= 40 ? 503 : 200);
        fixture.start(fixture.config().withPolicy(TargetPolicy.DEFAULT, TargetPolicy.defaults()
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200)).withOpenWait(Duration.ofMillis(300))));

        // when 30 purges are read
        fixture.send(Stream.iterate(0, i -> i + 1).limit(30).map(i -> Purges.urls("enwiki:P" + i, i % 3, i,
                "https://en.example.org/wiki/P" + i)).toArray(PurgeRecord[]::new));

        // then every purge still reaches every node, none is dead-lettered
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.receipts.size() == 30
                && fixture.committedToTheEnd());
        for (CdnNode node : allNodes()) {
            assertThat(node.hits.stream().map(CdnNode.Hit::path).distinct()).as(node.name).hasSize(30);
        }
        assertThat(fixture.deadLetters()).isEmpty();
        assertThat(fixture.counter(PurgerMetricNames.HTTP_REQUESTS, "status", "503")).isEqualTo(40);

        // and when a node refuses the method, the purge goes to the dead-letter topic at once
        frontend.get(2).answer(() -> 405);
        fixture.send(Purges.urls("enwiki:Refused", 0, 100, "https://en.example.org/wiki/Refused"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.deadLetters().size() == 1);
        assertThat(fixture.deadLetters().get(0).reason()).contains("answered 405");
    }

    private List<CdnNode> allNodes() {
        return Stream.concat(backend.stream(), frontend.stream()).toList();
    }
}
