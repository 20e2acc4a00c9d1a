package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.RegionRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyArgsTest {
    private final RedisKeys layout = new RedisKeys("ripple", "eqiad");

    @Test
    void shouldKeepEveryKeyOfOnePartitionInOneHashSlotAndNameEachObjectOnce() {
        // given two writes of one key and a watermark, on partition 3
        List<RegionRecord> records = List.of(TestRecords.upsert("k", 3, 10, TestRecords.none()),
                TestRecords.watermark(3, 11), TestRecords.upsert("k", 3, 12, TestRecords.none()));

        ApplyArgs args = ApplyArgs.of(layout, 1, ApplyArgs.Mode.LIVE, "g1", records, Map.of());

        // then KEYS are the position hash and the object once, all in slot {eqiad:3}
        assertThat(args.keys()).containsExactly("ripple:{eqiad:3}:pos", "ripple:{eqiad:3}:obj:k");
        assertThat(args.argv()).hasSize(4 + 3 * ApplyArgs.FIELDS_PER_ENTRY);
        assertThat(args.argv()).startsWith("1", "3", "live", "g1", "r", "ripple.stream.edits:3", "10");
        assertThat(args.argv()[4 + ApplyArgs.FIELDS_PER_ENTRY]).isEqualTo("w");
        assertThat(args.argv()[4 + 2 * ApplyArgs.FIELDS_PER_ENTRY + 4]).isEqualTo("2");
    }

    @Test
    void shouldPutARebuildsCursorAfterTheEntries() {
        ApplyArgs args = ApplyArgs.of(layout, 1, ApplyArgs.Mode.REBUILD, "g2",
                List.of(TestRecords.upsert("k", 3, 10, TestRecords.none())), Map.of("ripple.latest.edits:3", 8L));

        assertThat(args.argv()).startsWith("1", "1", "rebuild", "g2");
        assertThat(args.argv()).endsWith("ripple.latest.edits:3", "8");
        assertThat(args.argv()).hasSize(4 + ApplyArgs.FIELDS_PER_ENTRY + 2);
    }

    @Test
    void shouldRefuseRecordsOfSeveralPartitionsInOneApply() {
        assertThatThrownBy(() -> ApplyArgs.of(layout, 1, ApplyArgs.Mode.LIVE, "g1",
                List.of(TestRecords.watermark(3, 1), TestRecords.watermark(4, 1)), Map.of())).hasMessageContaining("is not of partition 3");
        assertThatThrownBy(() -> ApplyArgs.of(layout, 1, ApplyArgs.Mode.LIVE, "g1", List.of(), Map.of())).hasMessageContaining("empty");
    }
}
