package dev.ripple.consistency.history;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on check reports: an anomaly is reported with the operations named, or a type is absent. */
final class Reports {

    private Reports() {
    }

    /** Asserts an anomaly of {@code type} involving exactly {@code ops} (in order), named in its message. */
    static Anomaly assertReported(CheckReport report, AnomalyType type, String... ops) {
        assertThat(report.anomalies(type)).as("anomalies of type %s in %s", type.code(), report.anomalies())
                .anySatisfy(a -> assertThat(a.operations()).containsExactly(ops));
        Anomaly a = report.anomalies(type).stream().filter(x -> x.operations().equals(List.of(ops)))
                .findFirst().orElseThrow();
        for (String op : ops) {
            assertThat(a.message()).as("message names %s", op).containsPattern("\\b" + op + "\\b");
        }
        assertThat(report.ok()).isFalse();
        return a;
    }

    static void assertNotReported(CheckReport report, AnomalyType type) {
        assertThat(report.anomalies(type)).as("anomalies of type %s", type.code()).isEmpty();
        assertThat(report.count(type)).isZero();
    }
}
