package dev.ripple.cli.up;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * JVM options added to every part JVM of {@code ripple up --processes}, from {@value #ENV}: whitespace-separated,
 * after the default {@code -Xmx256m} (so a given {@code -Xmx} wins), with {@code {part}} replaced by the part's slug
 * (e.g. {@code replica-eqiad}), so that each part can write a file of its own:
 * {@code RIPPLE_PART_JAVA_OPTS='-Xmx512m -Xlog:gc*:file=/tmp/gc-{part}.log'}.
 *
 * @param options the options as given, {@code {part}} not yet replaced
 */
record PartJavaOptions(List<String> options) {
    /** The environment variable read by {@link #fromEnvironment()}. */
    static final String ENV = "RIPPLE_PART_JAVA_OPTS";
    /** The heap each part gets unless the options give another. */
    static final String DEFAULT_HEAP = "-Xmx256m";
    private static final String PART = "{part}";

    PartJavaOptions {
        options = List.copyOf(options);
    }

    /** The options of {@code spec}, split at whitespace; none for null or blank. */
    static PartJavaOptions parse(String spec) {
        return new PartJavaOptions(spec == null || spec.isBlank() ? List.of()
                : Arrays.asList(spec.trim().split("\\s+")));
    }

    /** The options of {@value #ENV}. */
    static PartJavaOptions fromEnvironment() {
        return parse(System.getenv(ENV));
    }

    /** The JVM options of part {@code launch}: the default heap, then the given options for it. */
    List<String> forPart(PartLaunch launch) {
        return Stream.concat(Stream.of(DEFAULT_HEAP),
                options.stream().map(o -> o.replace(PART, launch.slug()))).toList();
    }
}
