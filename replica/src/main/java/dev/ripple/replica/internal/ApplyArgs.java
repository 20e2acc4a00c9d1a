package dev.ripple.replica.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The KEYS and ARGV of {@code apply.lua} for records of one partition (see the script for the layout). */
record ApplyArgs(int partition, String[] keys, String[] argv) {
    static final int FIELDS_PER_ENTRY = 10;

    /** How {@code apply.lua} checks the partition's generation (see the script). */
    enum Mode {
        LIVE, FIRST, REBUILD;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param generation the generation written to (for {@link Mode#FIRST}: the one to create if there is none)
     * @param pairs for {@link Mode#REBUILD}: per latest-state {@code topic:partition}, its next offset (the cursor);
     *     for {@link Mode#LIVE}: per source {@code topic:partition}, the offset this writer applied last (what the
     *     hash must still hold)
     */
    static ApplyArgs of(RedisKeys layout, long epoch, Mode mode, String generation, List<? extends RegionRecord> records,
            Map<String, Long> pairs) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("Nothing to apply: the batch is empty");
        }
        int partition = records.get(0).source().partition();
        Map<String, Integer> keyIndex = new LinkedHashMap<>();
        keyIndex.put(layout.position(partition), 1);
        List<String> argv = new ArrayList<>(4 + records.size() * FIELDS_PER_ENTRY + pairs.size() * 2);
        argv.add(Long.toString(epoch));
        argv.add(Integer.toString(records.size()));
        argv.add(mode.wire());
        argv.add(generation);
        for (RegionRecord record : records) {
            SourcePosition source = record.source();
            if (source.partition() != partition) {
                throw new IllegalArgumentException("One apply holds one partition: " + source.topic() + ":"
                        + source.partition() + "@" + source.offset() + " is not of partition " + partition);
            }
            argv.add(record instanceof ReplicationRecord ? "r" : "w");
            argv.add(source.topic() + ":" + partition);
            argv.add(Long.toString(source.offset()));
            argv.add(Long.toString(source.dt().toEpochMilli()));
            if (record instanceof ReplicationRecord replication) {
                EditEvent event = replication.event();
                String objectKey = layout.object(partition, event.key());
                Integer index = keyIndex.computeIfAbsent(objectKey, k -> keyIndex.size() + 1);
                argv.add(Integer.toString(index));
                argv.add(event.op().wireName());
                argv.add(event.revision() == null ? "" : Long.toString(event.revision()));
                argv.add(event.contentType() == null ? "" : event.contentType());
                argv.add(event.body() == null ? "0" : "1");
                argv.add(event.body() == null ? "" : event.body());
            } else {
                argv.add("0");
                argv.add("");
                argv.add("");
                argv.add("");
                argv.add("0");
                argv.add("");
            }
        }
        pairs.forEach((field, offset) -> {
            argv.add(field);
            argv.add(Long.toString(offset));
        });
        return new ApplyArgs(partition, keyIndex.keySet().toArray(String[]::new), argv.toArray(String[]::new));
    }
}
