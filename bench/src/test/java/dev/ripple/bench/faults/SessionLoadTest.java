package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionLoadTest {
    private static final List<String> KEYS = List.of("enwiki:A", "enwiki:B", "enwiki:C");

    @Test
    void shouldRecordABatchSoThatACorrectSessionChecksClean() throws Exception {
        // given a session that publishes a batch of three, reads one back, then publishes another batch
        Position t1 = covering(Position.empty(1), "edits:0@5", "edits:1@7", "edits:2@3");
        List<Operation> ops = new ArrayList<>(SessionLoad.writes("s0", 0, KEYS, 10, 20,
                results("edits:0@5", "edits:1@7", "edits:2@3"), null, t1));
        ops.add(ReadOp.ok("s0-r0", "s0", "enwiki:A", "eqiad", 21, 30, Dot.parse("edits:0@5"), t1, t1, t1));
        Position t2 = covering(t1, "edits:0@9", "edits:1@8", "edits:2@4");
        ops.addAll(SessionLoad.writes("s0", 1, KEYS, 31, 40, results("edits:0@9", "edits:1@8", "edits:2@4"), t1,
                t2));

        // when the history is checked, then nothing is wrong with it
        CheckReport report = HistoryChecker.create().check(History.of(ops));
        assertThat(report.ok()).as(report.toJson()).isTrue();
        // and every write presents the token from before its batch, the batch's token being its last write's
        assertThat(ops.subList(4, 7)).extracting(op -> ((WriteOp) op).tokenIn()).containsOnly(t1);
        assertThat(ops.subList(4, 7)).extracting(Operation::tokenOut).containsExactly(null, null, t2);
    }

    @Test
    void shouldRecordWritesNotAcknowledgedAsFailedWithoutAToken() throws Exception {
        JsonNode partly = EventJson.mapper().readTree("[{\"dot\": \"edits:0@5\", \"status\": 201},"
                + " {\"status\": 503, \"detail\": \"Kafka took none\"}, {\"dot\": \"edits:2@3\"}]");
        Position out = covering(Position.empty(1), "edits:0@5", "edits:2@3");

        List<WriteOp> writes = SessionLoad.writes("s1", 4, KEYS, 1, 2, partly, null, out);

        assertThat(writes).extracting(WriteOp::outcome).containsExactly(WriteOp.Outcome.OK, WriteOp.Outcome.FAILED,
                WriteOp.Outcome.OK);
        assertThat(writes).extracting(WriteOp::tokenOut).containsExactly(null, null, out);
        assertThat(SessionLoad.writes("s1", 5, KEYS, 1, 2, null, out, null)).allSatisfy(w ->
                assertThat(w.outcome()).isEqualTo(WriteOp.Outcome.FAILED));
    }

    private static JsonNode results(String... dots) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (String dot : dots) {
            json.append(json.length() > 1 ? "," : "").append("{\"dot\": \"").append(dot).append("\"}");
        }
        return EventJson.mapper().readTree(json.append(']').toString());
    }

    private static Position covering(Position base, String... dots) {
        Position position = base;
        for (String text : dots) {
            Dot dot = Dot.parse(text);
            position = position.withOffset(dot.partition(), dot.offset());
        }
        return position;
    }
}
