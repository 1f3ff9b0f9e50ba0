package healthcode.jobs.functions;

import static healthcode.jobs.functions.TestRecords.at;
import static healthcode.jobs.functions.TestRecords.closeContact;
import static healthcode.jobs.functions.TestRecords.engine;
import static healthcode.jobs.functions.TestRecords.negative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.Colour;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keyed colour function on RocksDB: event-time order, timers at phase ends, state that empties. */
class HealthCodeFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, PersonEvent, ColourChange> harness;
    private HealthCodeFunction function;

    private void open(HealthCodeEngine engine, Long horizon) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function = new HealthCodeFunction(engine, horizon)), e -> e.personId,
                Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(PersonEvent e) throws Exception {
        harness.processElement(e, e.eventTime);
    }

    private List<String> changes() {
        return harness.extractOutputValues().stream().map(c -> c.personId() + " " + c.seq() + " " + c.to()).toList();
    }

    @Test
    void recordsWaitForTheWatermark_andApplyInEventTimeOrder() throws Exception {
        open(engine("general-2022", 30), null);
        send(negative("p-1", "2022-02-15 09:00", "2022-02-15 18:00"));
        send(closeContact("p-1", "2022-02-03 09:00", "2022-02-01 20:00"));
        assertTrue(harness.extractOutputValues().isEmpty());
        harness.processWatermark(at("2022-02-03 09:00"));
        assertEquals(List.of("p-1 1 RED"), changes());
    }

    @Test
    void phaseTimeUpFiresAtItsInstant_notBefore() throws Exception {
        open(engine("general-2022", 30), null);
        send(closeContact("p-1", "2022-02-03 09:00", "2022-02-01 20:00"));
        send(negative("p-1", "2022-02-15 09:00", "2022-02-15 18:00"));
        harness.processWatermark(at("2022-02-15 23:59"));
        assertEquals(List.of("p-1 1 RED"), changes());
        harness.processWatermark(at("2022-02-16 00:00"));
        assertEquals(List.of("p-1 1 RED", "p-1 2 YELLOW"), changes());
        assertEquals(at("2022-02-16 00:00"), harness.extractOutputValues().get(1).at());
    }

    @Test
    void editionStartFiresAtItsInstant_andReplansTheEpisode() throws Exception {
        open(engine(null, 30), null);
        send(closeContact("p-1", "2023-01-28 09:00", "2023-01-27 10:00"));
        send(negative("p-1", "2023-02-01 09:00", "2023-02-01 18:00"));
        harness.processWatermark(at("2023-02-02 23:59"));
        assertEquals(List.of("p-1 1 RED"), changes());
        harness.processWatermark(at("2023-02-03 00:00"));
        ColourChange released = harness.extractOutputValues().get(1);
        assertEquals(Colour.GREEN, released.to());
        assertEquals(at("2023-02-03 00:00"), released.at());
        assertEquals("gx-2023-02", released.edition());
    }

    @Test
    void stateEmptiesOnceThePersonHasNoActiveEpisodeAndTheRetentionHasPassed() throws Exception {
        open(engine("general-2022", 30), null);
        send(closeContact("p-1", "2022-02-03 09:00", "2022-02-01 20:00"));
        send(negative("p-1", "2022-02-15 09:00", "2022-02-15 18:00"));
        send(negative("p-1", "2022-02-22 09:00", "2022-02-22 18:00"));
        harness.processWatermark(at("2022-02-23 00:00"));
        assertEquals(List.of("p-1 1 RED", "p-1 2 YELLOW", "p-1 3 GREEN"), changes());
        assertEquals(1, KeyedState.keysWith(harness, "person"));
        harness.processWatermark(at("2022-03-25 00:00"));
        assertEquals(0, KeyedState.keysWith(harness, "person"));
        assertEquals(0, KeyedState.keysWith(harness, "waiting-records"));
        assertEquals(0, function.keysWaiting());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void lateRecord_isAppliedAtTheWatermark_andMarkedLate() throws Exception {
        open(engine("general-2022", 30), null);
        harness.processWatermark(at("2022-02-10 00:00"));
        send(closeContact("p-1", "2022-02-03 09:00", "2022-02-01 20:00"));
        ColourChange change = harness.extractOutputValues().get(0);
        assertEquals(Colour.RED, change.to());
        assertEquals(at("2022-02-10 00:00"), change.at());
        assertTrue(change.late());
    }

    @Test
    void live_emitsCurrentWheneverItChanges() throws Exception {
        open(engine("general-2022", 30), null);
        send(closeContact("p-1", "2022-02-03 09:00", "2022-02-01 20:00"));
        harness.processWatermark(at("2022-02-20 00:00"));
        List<String> current = harness.getSideOutput(HealthCodeFunction.CURRENT).stream().map(StreamRecord::getValue)
                .map(s -> s.colour() + " " + s.activeEpisodes().get(0).awaiting()).toList();
        assertEquals(List.of("RED null", "RED TEST"), current);
    }

    @Test
    void backfill_reportsTheStateAtTheHorizon_andNothingAfterIt() throws Exception {
        long horizon = at("2022-02-10 00:00");
        open(engine("general-2022", 30), horizon);
        send(closeContact("p-1", "2022-02-03 09:00", "2022-02-01 20:00"));
        send(negative("p-1", "2022-02-15 09:00", "2022-02-15 18:00"));
        harness.processWatermark(Long.MAX_VALUE);
        assertEquals(List.of("p-1 1 RED"), changes());
        List<CurrentState> current = harness.getSideOutput(HealthCodeFunction.CURRENT).stream()
                .map(StreamRecord::getValue).toList();
        assertEquals(1, current.size());
        assertEquals(Colour.RED, current.get(0).colour());
        assertEquals(at("2022-02-16 00:00"), current.get(0).activeEpisodes().get(0).phaseEndsAt());
    }
}
