package dev.ripple.ops.bench;

import java.util.List;

/** A benchmark: a baseline and one or more Ripple variants of the same work. */
public interface Scenario {
    /** The name on the command line, e.g. {@code intake}. */
    String name();

    /** One line on what is measured against what. */
    String description();

    /** Sets up what every round shares (topics, servers); closed after the last round. */
    Session open(BenchContext context) throws Exception;

    /** The set-up of one run of a scenario. */
    interface Session extends AutoCloseable {
        /** The variants, baseline first, e.g. {@code [raw KafkaProducer, HTTP intake]}. */
        List<String> variants();

        /** Runs one round of {@code variant}, reporting progress, and checks what it produced. */
        Measurement run(String variant, int round, Progress progress) throws Exception;

        /**
         * What the session measured besides the rounds (e.g. a saturation rate it chose its rate from, a latency
         * split by stage), as Markdown printed under the table; empty for nothing. Asked after the last round.
         */
        default String notes() {
            return "";
        }

        @Override
        void close() throws Exception;
    }
}
