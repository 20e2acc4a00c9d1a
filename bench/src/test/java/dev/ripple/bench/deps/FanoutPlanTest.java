package dev.ripple.bench.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.config.ConfigDocuments;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanoutPlanTest {
    @Test
    void shouldNameDependentsSoThatTheirIndexReadsBackAndOtherKeysAreNone() {
        assertThat(FanoutPlan.dependent(42)).isEqualTo("page:d0000042");
        assertThat(FanoutPlan.indexOf(FanoutPlan.dependent(9_999_999))).isEqualTo(9_999_999);
        assertThat(FanoutPlan.indexOf(FanoutPlan.DIRECT_PREFIX + "idle-3")).isEqualTo(-1);
        assertThat(FanoutPlan.indexOf("page:d00000x2")).isEqualTo(-1);
        assertThat(FanoutPlan.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void shouldInvalidateTheEvenHalfAndCarryTheRateIntoTheStreamDocument() {
        FanoutPlan plan = new FanoutPlan(5, 800, 500, 1000, 50, 250);
        assertThat(plan.invalidated()).isEqualTo(3); // 0, 2, 4
        assertThat(plan.stream().dependencies().fanoutRatePerS()).isEqualTo(800);
        assertThat(ConfigDocuments.toJson(plan.stream())).contains("\"fanout_rate_per_s\":800");
        assertThat(plan.describe()).contains("fanout_rate_per_s 800", "fanout_max_lag_ms 250", "coalesce_ms 1000",
                "5 dependents");
    }

    @Test
    void shouldRefuseARateTheConfigWouldRefuse() {
        assertThatThrownBy(() -> new FanoutPlan(10, 0, 500, 1000, 50, 250)).hasMessageContaining("fanout_rate_per_s");
    }

    @Test
    void shouldReportAMissingARepeatedAndAWronglyInvalidatedDependentPerRegion() {
        Map<String, byte[]> counts = new LinkedHashMap<>();
        counts.put("eqiad", new byte[] {1, 0, 1, 0});
        counts.put("codfw", new byte[] {2, 1, 0, 0});
        InvalidationCensus.Result result = InvalidationCensus.Result.of(counts, 7);
        assertThat(result.regions().get("eqiad")).isEqualTo(new InvalidationCensus.Region(2, 0, 0, 0));
        assertThat(result.regions().get("codfw")).isEqualTo(new InvalidationCensus.Region(1, 1, 1, 1));
        assertThat(result.exact()).isFalse();
        assertThat(result.problems()).singleElement().asString().startsWith("codfw");
    }
}
