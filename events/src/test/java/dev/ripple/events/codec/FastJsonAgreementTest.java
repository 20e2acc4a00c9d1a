package dev.ripple.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.Op;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RootEvent;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every fast codec of {@link FastJson} agrees with the standard serde of {@link EventSerdes} both ways, over
 * varied records: unicode (astral too), nulls in every nullable field, empty lists, huge numbers and bodies,
 * instants from year 1 to past 9999 with any precision.
 */
class FastJsonAgreementTest {

    @Property(tries = 300)
    void regionRecordsAgree(@ForAll("regionRecords") RegionRecord record) {
        byte[] fast = FastJson.regionRecord().serialize("t", record);
        byte[] standard = EventSerdes.regionRecord().serialize("t", record);

        assertThat(fast).isEqualTo(standard);
        assertThat(EventSerdes.regionRecord().deserialize("t", fast)).isEqualTo(record);
    }

    @Property(tries = 300)
    void purgeRecordsAgree(@ForAll("purgeRecords") PurgeRecord record) {
        byte[] fast = FastJson.purgeRecord().serialize("t", record);
        byte[] standard = EventSerdes.purgeRecord().serialize("t", record);

        assertThat(fast).isEqualTo(standard);
        assertThat(FastJson.readPurgeRecord("t", standard)).isEqualTo(record)
                .isEqualTo(EventSerdes.purgeRecord().deserialize("t", standard));
        assertThat(FastJson.purgeRecordReader().deserialize("t", fast)).isEqualTo(record);
    }

    @Property(tries = 200)
    void conitLogEntriesAgree(@ForAll("sources") SourcePosition source, @ForAll("texts") String conit,
            @ForAll("weights") double weight) {
        ConitLogEntry entry = new ConitLogEntry(conit, source, weight);
        byte[] fast = FastJson.conitLogEntry().serialize("t", entry);

        assertThat(fast).isEqualTo(EventSerdes.conitLogEntry().serialize("t", entry));
        assertThat(EventSerdes.conitLogEntry().deserialize("t", fast)).isEqualTo(entry);
    }

    @Property(tries = 300)
    void editEventsAgree(@ForAll("events") EditEvent event) throws IOException {
        byte[] standard = EventSerdes.editEvent().serialize("t", event);

        assertThat(FastJson.readEditEvent(standard)).isEqualTo(event)
                .isEqualTo(EventSerdes.editEvent().deserialize("t", standard));
    }

    @Provide
    Arbitrary<RegionRecord> regionRecords() {
        Arbitrary<RegionRecord> replications = Combinators.combine(events(), sources(), positions(), rules(), traces())
                .as(ReplicationRecord::new);
        return Arbitraries.oneOf(replications, sources().map(Watermark::new));
    }

    @Provide
    Arbitrary<PurgeRecord> purgeRecords() {
        Arbitrary<List<String>> names = texts().list().ofMaxSize(4);
        Arbitrary<Long> revisions = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.3);
        Arbitrary<PurgeRecord> requests = Combinators.combine(texts(), names, names, names, revisions, sources(),
                rules(), traces()).as((key, keys, urls, tags, revision, source, rule, trace) -> {
                    List<String> someKeys = keys.isEmpty() && urls.isEmpty() && tags.isEmpty() ? List.of(key) : keys;
                    return new PurgeRequest(key, someKeys, urls, tags, revision, source, rule, trace);
                });
        return Arbitraries.oneOf(requests, sources().map(Watermark::new));
    }

    @Provide
    Arbitrary<EditEvent> events() {
        Arbitrary<EventMeta> metas = Combinators.combine(texts(), instants(), texts(), texts().injectNull(0.4),
                texts().injectNull(0.4), texts().injectNull(0.4), texts().injectNull(0.4)).as(EventMeta::new);
        Arbitrary<Long> revisions = Arbitraries.longs().between(Long.MIN_VALUE, Long.MAX_VALUE).injectNull(0.3);
        Arbitrary<String> bodies = Arbitraries.oneOf(texts(), texts().list().ofMaxSize(400).map(parts -> String.join("", parts)))
                .injectNull(0.3);
        Arbitrary<RootEvent> roots = Combinators.combine(texts(), instants()).as(RootEvent::new).injectNull(0.6);
        Arbitrary<EditEvent> withoutRoot = Combinators.combine(Arbitraries.of(EditEvent.SCHEMA, "/ripple/edit/2.0.0")
                        .injectNull(0.2), metas, texts(), Arbitraries.of(Op.class).injectNull(0.2), revisions,
                revisions, texts().injectNull(0.3), bodies).as((schema, meta, key, op, revision, base, type, body) ->
                        new EditEvent(schema, meta, key, op, revision, base, type, body, List.of(), null, null, null));
        return Combinators.combine(withoutRoot, texts().list().ofMaxSize(3).injectNull(0.3),
                weights().injectNull(0.4), roots, texts().injectNull(0.5))
                .as((e, tags, weight, root, triggeredBy) -> new EditEvent(e.schema(), e.meta(), e.key(), e.op(),
                        e.revision(), e.baseRevision(), e.contentType(), e.body(), tags, weight, root, triggeredBy));
    }

    @Provide
    Arbitrary<SourcePosition> sources() {
        return Combinators.combine(topics(), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.longs().between(0, Long.MAX_VALUE), instants()).as(SourcePosition::new);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD').ofMaxLength(40);
        Arbitrary<String> astral = Arbitraries.of("", "\uD83D\uDE00", "\uD834\uDD1E clef", "\"quoted\" \\ /",
                "\u00e9t\u00e9", "\u0000\u001f", "\u2028\u2029");
        return Combinators.combine(bmp, astral).as(String::concat);
    }

    @Provide
    Arbitrary<Double> weights() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e6),
                Arbitraries.of(0.0, 1.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2));
    }

    private Arbitrary<String> topics() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMinLength(1)
                .ofMaxLength(60);
    }

    private Arbitrary<Instant> instants() {
        Arbitrary<Instant> ordinary = Combinators.combine(
                Arbitraries.longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                        Arbitraries.integers().between(0, 999_999_999))).as(Instant::ofEpochSecond);
        return Arbitraries.oneOf(ordinary, Arbitraries.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2026-11-22T10:00:00.120Z")));
    }

    private Arbitrary<Position> positions() {
        Arbitrary<TopicPartitionKey> partitions = Combinators.combine(topics(),
                Arbitraries.integers().between(0, 10_000)).as(TopicPartitionKey::new);
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.maps(partitions, Arbitraries.longs().between(0, Long.MAX_VALUE)).ofMaxSize(5))
                .as(Position::of);
    }

    private Arbitrary<RuleRef> rules() {
        return Combinators.combine(texts(), Arbitraries.longs().between(0, Long.MAX_VALUE)).as(RuleRef::new);
    }

    private Arbitrary<Trace> traces() {
        return Combinators.combine(instants(), instants()).as(Trace::new);
    }
}
