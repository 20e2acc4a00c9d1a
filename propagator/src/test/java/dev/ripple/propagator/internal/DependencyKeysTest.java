package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.utils.Bytes;

/**
 * The index's byte ranges hold exactly one dependency's entries, in any order of keys a hostile writer can make
 * (prefixes of one another, NUL and the highest code points, surrogate pairs), and a walk goes on after any
 * dependent. A TreeMap of {@link Bytes} orders as RocksDB's default comparator does: unsigned bytes.
 */
class DependencyKeysTest {

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab\u0000\u00ff\uffff").ofMinLength(0).ofMaxLength(4),
                // any text UTF-8 can hold (a lone surrogate cannot: Kafka's own key serializer makes it '?')
                Arbitraries.strings().all().ofMaxLength(6).filter(s -> s.equals(new String(
                        s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))),
                Arbitraries.of("a", "a\u0000", "a\u0000b", "ab", "\uD83D\uDE00", "é"));
    }

    @Property(tries = 300)
    void shouldRangeOverExactlyTheEntriesOfOneDependencyAndResumeAfterAnyDependent(
            @ForAll("pairs") List<Tuple.Tuple2<String, String>> pairs, @ForAll("keys") String dependency,
            @ForAll("keys") String after) {
        NavigableMap<Bytes, Tuple.Tuple2<String, String>> index = new TreeMap<>();
        pairs.forEach(pair -> index.put(DependencyKeys.edge(pair.get1(), pair.get2()), pair));

        List<String> all = index.subMap(DependencyKeys.walkFrom(dependency, null), true,
                DependencyKeys.walkTo(dependency), true).keySet().stream().map(DependencyKeys::dependentOf).toList();
        List<String> rest = index.subMap(DependencyKeys.walkFrom(dependency, after), true,
                DependencyKeys.walkTo(dependency), true).keySet().stream().map(DependencyKeys::dependentOf).toList();

        List<String> expected = pairs.stream().filter(p -> p.get1().equals(dependency)).map(Tuple.Tuple2::get2)
                .distinct().sorted(DependencyKeysTest::byUtf8).toList();
        assertThat(all).isEqualTo(expected);
        assertThat(rest).isEqualTo(expected.stream().filter(d -> byUtf8(d, after) > 0).toList());
    }

    @Property(tries = 200)
    void shouldFindWhatIsDueInTimeOrderFromAnyFloor(@ForAll("dues") Map<String, Long> dues, @ForAll long now,
            @ForAll long from) {
        NavigableMap<Bytes, String> due = new TreeMap<>();
        dues.forEach((dependent, at) -> due.put(DependencyKeys.due(at, dependent), dependent));
        long by = Math.abs(now % 2_000);
        long floor = Math.min(by, Math.abs(from % 2_000));

        List<String> found = due.subMap(DependencyKeys.dueFrom(floor), true, DependencyKeys.dueBy(by), true)
                .keySet().stream().map(DependencyKeys::dependentOfDue).toList();

        assertThat(found).containsExactlyInAnyOrderElementsOf(dues.entrySet().stream()
                .filter(e -> e.getValue() >= floor && e.getValue() <= by).map(Map.Entry::getKey)
                .collect(Collectors.toList()));
        assertThat(due.keySet()).allSatisfy(key -> assertThat(dues.get(DependencyKeys.dependentOfDue(key)))
                .isEqualTo(DependencyKeys.dueTimeOf(key)));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> pairs() {
        return Arbitraries.oneOf(keys(), Arbitraries.of("a")).tuple2().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<Map<String, Long>> dues() {
        return Arbitraries.maps(keys(), Arbitraries.longs().between(0, 2_000)).ofMaxSize(20);
    }

    private static int byUtf8(String a, String b) {
        return Bytes.wrap(a.getBytes(StandardCharsets.UTF_8))
                .compareTo(Bytes.wrap(b.getBytes(StandardCharsets.UTF_8)));
    }
}
