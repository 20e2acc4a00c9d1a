package dev.ripple.bench;

import java.util.List;

/** A benchmark: a baseline and one or more Ripple variants of the same work. */
public interface Scenario {
    /** The name on the command line, e.g. {@code intake}. */
    String name();

    /** One line on what is measured against what. */
    String description();

    /** What {@code ripple bench --help} says of it: one short line; by default the description up to its first
     * parenthesis or semicolon. */
    default String summary() {
        String text = description();
        int end = text.length();
        for (char stop : new char[] {'(', ';'}) {
            int at = text.indexOf(stop);
            end = at > 0 ? Math.min(end, at) : end;
        }
        return text.substring(0, end).trim();
    }

    /** Sets up what every round shares (topics, servers); closed after the last round. */
    Session open(BenchContext context) throws Exception;

    /** The set-up of one run of a scenario. */
    interface Session extends AutoCloseable {
        /** The variants, baseline first, e.g. {@code [raw KafkaProducer, HTTP intake]}. */
        List<String> variants();

        /**
         * The variant {@code variant}'s rate is compared with: the first variant unless a scenario measures several
         * things (saturation, then latency at a fixed rate), each against its own baseline.
         */
        default String baselineOf(String variant) {
            return variants().get(0);
        }

        /** How many events a round of {@code variant} handles, given {@code --events}; for the progress line. */
        default int events(String variant, int events) {
            return events;
        }

        /** Runs one round of {@code variant}, reporting progress, and checks what it produced. */
        Measurement run(String variant, int round, Progress progress) throws Exception;

        /**
         * What the session measured besides the rounds (e.g. a saturation rate it chose its rate from, a latency
         * split by stage), as Markdown printed under the table; empty for nothing. Asked after the last round.
         */
        default String notes() {
            return "";
        }

        /**
         * The variants of other scenarios that each do a part of this scenario's work, with how many times per event
         * (e.g. a replica apply per region). When they run in the same invocation, this scenario's CPU per event is
         * compared with the weighted sum of theirs. Empty for none.
         */
        default List<Part> parts() {
            return List.of();
        }

        @Override
        void close() throws Exception;
    }

    /**
     * A variant of another scenario that does part of a whole's work.
     *
     * @param scenario the part's scenario
     * @param variant the variant of it that does the work (Ripple's, not a baseline)
     * @param perEvent how many times it does it per event of the whole
     */
    record Part(String scenario, String variant, int perEvent) {}
}
