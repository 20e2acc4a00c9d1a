package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.runtime.http.TargetPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PurgerConfigTest {

    @Test
    void shouldDefaultToAGroupPerRegionAndTheDefaultPolicyForEveryTarget() {
        PurgerConfig config = PurgerConfig.defaults("esams", "kafka:9092")
                .withPolicy("cdn", TargetPolicy.defaults().withMaxAttempts(2));

        assertThat(config.groupId()).isEqualTo("ripple-purger-esams");
        assertThat(config.consumerName()).isEqualTo("purger.esams");
        assertThat(config.policyFor("cdn").maxAttempts()).isEqualTo(2);
        assertThat(config.policyFor("cache")).isEqualTo(TargetPolicy.defaults());
    }

    @Test
    void shouldNameTheConfigurationAndTheValueItRefuses() {
        assertThatThrownBy(() -> PurgerLimits.defaults().withMaxInFlight(0))
                .hasMessage("Invalid value 0 for configuration max_in_flight: must be 1 to 100000");
        assertThatThrownBy(() -> PurgerLimits.defaults().withCoalesceWindow(Duration.ofMillis(-1)))
                .hasMessageContaining("for configuration coalesce_window");
        assertThatThrownBy(() -> TargetPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("for configuration max_backoff: must be at least initial_backoff");
        assertThatThrownBy(() -> PurgerConfig.defaults("esams", "kafka:9092")
                .withDefaultRedisUri(URI.create("http://cache")))
                .hasMessageContaining("for configuration default_redis_uri");
        assertThatThrownBy(() -> PurgerConfig.defaults("Esams!", "kafka:9092"))
                .hasMessageContaining("Invalid region name 'Esams!'");
    }
}
