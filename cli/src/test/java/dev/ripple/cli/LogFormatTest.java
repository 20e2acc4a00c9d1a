package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log format a {@code RIPPLE_LOG_FORMAT} value selects ({@link LogFormatIT} runs the jar's logback.xml with it). */
class LogFormatTest {
    @Test
    void shouldReadTheFormatInAnyCaseAndTextWhenUnset() {
        assertThat(LogFormat.of(null)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.of(" ")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.of("text")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.of("JSON")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.of(" json ")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.of("yaml")).isNull();
    }
}
