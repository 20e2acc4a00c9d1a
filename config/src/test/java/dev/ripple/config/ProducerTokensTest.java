package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tokens name their producer, so the intake hashes at most once to refuse one. */
class ProducerTokensTest {
    @Test
    void shouldGenerateATokenThatNamesItsProducerAndVerifiesAgainstItsHash() {
        String token = ProducerTokens.generate("mediawiki.eqiad");

        assertThat(token).startsWith("mediawiki.eqiad.").hasSize("mediawiki.eqiad.".length() + 43);
        assertThat(ProducerTokens.producerIdOf(token)).contains("mediawiki.eqiad");
        assertThat(ProducerTokens.verify(token, ProducerTokens.hash(token))).isTrue();
        assertThat(ProducerTokens.generate("mediawiki")).isNotEqualTo(ProducerTokens.generate("mediawiki"));
        assertThatThrownBy(() -> ProducerTokens.generate("Not A Name")).hasMessageContaining("not a valid producer id");
    }

    @Test
    void shouldFindNoProducerInATokenOfTheWrongForm() {
        assertThat(ProducerTokens.producerIdOf("no-dot-in-this-token-at-all")).isEmpty();
        assertThat(ProducerTokens.producerIdOf("wiki.short")).isEmpty();
        assertThat(ProducerTokens.producerIdOf(".secret-of-sixteen-chars")).isEmpty();
        assertThat(ProducerTokens.producerIdOf("Not A Name.secret-of-sixteen-chars")).isEmpty();
        assertThat(ProducerTokens.producerIdOf(null)).isEmpty();
    }

    @Test
    void shouldRefuseToStoreATokenThatDoesNotNameItsProducer() {
        String key = "/ripple/producers/wiki";

        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite(key,
                "{token: 'a-long-secret-without-the-id', streams: [edits]}", Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("token: must be 'wiki.<secret>'");
        assertThatThrownBy(() -> ProducerDoc.withToken("wiki", "other.a-long-secret-of-other", List.of("*")))
                .hasMessageContaining("must be 'wiki.<secret>'");
        assertThat(ConfigDocuments.prepareForWrite(key, "{token: 'wiki.a-long-secret-for-wiki', streams: [edits]}",
                Optional.empty())).contains("pbkdf2-sha256$");
    }

    @Test
    void shouldDefaultTheBurstToOneSecondOfTheRateAndRefuseABurstWithoutARate() {
        ProducerDoc producer = ProducerDoc.withToken("wiki", "wiki.a-long-secret-for-wiki", List.of("*"));

        assertThat(producer.effectiveBurst()).isZero();
        assertThat(producer.withRate(0.5, null).effectiveBurst()).isEqualTo(1);
        assertThat(producer.withRate(250.2, null).effectiveBurst()).isEqualTo(251);
        assertThat(producer.withRate(10.0, 500).effectiveBurst()).isEqualTo(500);
        assertThatThrownBy(() -> producer.withRate(null, 5)).hasMessageContaining("burst: needs rate_per_second");
        assertThatThrownBy(() -> producer.withRate(1.0, 0)).hasMessageContaining("burst");
    }

    @Test
    void shouldReadTheBurstFromAStoredDocument() {
        String key = "/ripple/producers/wiki";
        String stored = ConfigDocuments.prepareForWrite(key, "{token: 'wiki.a-long-secret-for-wiki', streams: [edits], "
                + "rate_per_second: 0.5, burst: 3}", Optional.empty());

        ProducerDoc producer = (ProducerDoc) ConfigDocuments.parse(key, stored);

        assertThat(producer.burst()).isEqualTo(3);
        assertThat(producer.ratePerSecond()).isEqualTo(0.5);
    }
}
