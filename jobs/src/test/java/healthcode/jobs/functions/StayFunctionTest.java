package healthcode.jobs.functions;

import static healthcode.jobs.functions.TestRecords.at;
import static healthcode.jobs.functions.TestRecords.local;
import static healthcode.jobs.functions.Tracks.ELSEWHERE;
import static healthcode.jobs.functions.Tracks.HOME;
import static healthcode.jobs.functions.Tracks.KTV;
import static healthcode.jobs.functions.Tracks.ping;
import static healthcode.jobs.functions.Tracks.pings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.PhoneTrackEvent;
import healthcode.common.domain.Rejection;
import healthcode.jobs.StateBackends;
import java.util.List;
import java.util.ArrayList;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pings become stays in event-time order; a case's phone sends its stays in the window, stored and later ones. */
class StayFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, PhoneTrackEvent, CellEvent> harness;

    private static final int MAX_PARALLELISM = 128;

    private final StayFunction function = new StayFunction(Tracks.SPEC);

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(WatermarkWakeOperator.of(function),
                e -> e.msisdn, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    /** One of {@code parallelism} subtasks, keeping at most {@code eventsOnHeap} waiting pings on its heap. */
    private static KeyedOneInputStreamOperatorTestHarness<String, PhoneTrackEvent, CellEvent> subtask(
            int eventsOnHeap, int parallelism, int index) throws Exception {
        return subtask(WatermarkWakeOperator.of(new StayFunction(Tracks.SPEC, eventsOnHeap)), parallelism, index);
    }

    /** The function in a plain {@code KeyedProcessOperator}: a timer wakes each phone (as before 2026-11-23). */
    private static KeyedOneInputStreamOperatorTestHarness<String, PhoneTrackEvent, CellEvent> timerWokenSubtask(
            int parallelism, int index) throws Exception {
        return subtask(new KeyedProcessOperator<>(new StayFunction(Tracks.SPEC)), parallelism, index);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PhoneTrackEvent, CellEvent> subtask(
            KeyedProcessOperator<String, PhoneTrackEvent, CellEvent> operator, int parallelism, int index) throws Exception {
        var subtask = new KeyedOneInputStreamOperatorTestHarness<>(operator, (PhoneTrackEvent e) -> e.msisdn,
                Types.STRING, MAX_PARALLELISM, parallelism, index);
        subtask.setStateBackend(new EmbeddedRocksDBStateBackend());
        return subtask;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(List<LocatedPing> pings) throws Exception {
        for (LocatedPing p : pings) {
            harness.processElement(PhoneTrackEvent.of(p), p.ts);
        }
    }

    private void send(CaseWindow window) throws Exception {
        harness.processElement(PhoneTrackEvent.of(window), window.reportedAt);
    }

    private List<String> output() {
        return output(harness);
    }

    private static List<String> output(KeyedOneInputStreamOperatorTestHarness<String, PhoneTrackEvent, CellEvent> harness) {
        return harness.extractOutputValues().stream().map(e -> switch (e.kind) {
            case STAY -> "stay " + e.stay.msisdn + " " + local(e.stay.from) + ".." + local(e.stay.to);
            case CASE_STAY -> "case " + e.caseStay.window.caseId + " " + local(e.caseStay.stay.from) + ".."
                    + local(e.caseStay.stay.to);
            default -> e.kind.toString();
        }).toList();
    }


    @Test
    void pingsOutOfOrderBecomeStaysInEventTimeOrder_endedByAnotherCellOrBySilence() throws Exception {
        send(List.of(ping("139", "2022-04-06 08:20", HOME), ping("139", "2022-04-06 08:40", KTV),
                ping("139", "2022-04-06 08:00", HOME), ping("139", "2022-04-06 08:10", HOME)));
        harness.processWatermark(at("2022-04-06 09:09"));
        assertEquals(List.of("stay 139 2022-04-06 08:00..2022-04-06 08:40"), output());
        harness.processWatermark(at("2022-04-06 09:10"));
        assertEquals(List.of("stay 139 2022-04-06 08:00..2022-04-06 08:40", "stay 139 2022-04-06 08:40..2022-04-06 09:10"),
                output());
    }

    @Test
    void aCaseSendsItsPhonesStoredStaysInTheWindowAtOnce_andLaterStaysWhenTheyEnd() throws Exception {
        send(pings("138", "2022-04-01 10:00", "2022-04-01 11:00", 20, KTV)); // before the window
        send(pings("138", "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV));
        send(List.of(ping("138", "2022-04-07 12:00", HOME)));
        harness.processWatermark(at("2022-04-07 12:00"));
        assertEquals(2, output().size(), "the stay at home has not ended yet");
        send(Tracks.window("c-1", "138", "2022-04-08 08:00", "2022-04-09 09:00", "2022-04-08 10:00"));
        send(List.of(ping("138", "2022-04-08 20:00", ELSEWHERE)));
        harness.processWatermark(at("2022-04-10 00:00"));
        assertEquals(List.of(
                "stay 138 2022-04-01 10:00..2022-04-01 11:30",
                "stay 138 2022-04-07 10:00..2022-04-07 11:30",
                "stay 138 2022-04-07 12:00..2022-04-07 12:30",
                "case c-1 2022-04-07 10:00..2022-04-07 11:30",
                "case c-1 2022-04-07 12:00..2022-04-07 12:30",
                "stay 138 2022-04-08 20:00..2022-04-08 20:30",
                "case c-1 2022-04-08 20:00..2022-04-08 20:30"), output());
    }

    @Test
    void aCaseRecordRepeatedDaysLaterSendsNothingTwice() throws Exception {
        send(pings("138", "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV));
        CaseWindow window = Tracks.window("c-1", "138", "2022-04-08 08:00", "2022-04-09 09:00", "2022-04-08 10:00");
        send(window);
        harness.processWatermark(at("2022-04-08 12:00"));
        harness.processWatermark(at("2022-04-11 00:00")); // a sweep after the window has closed
        harness.processElement(PhoneTrackEvent.of(window), at("2022-04-12 00:00"));
        harness.processWatermark(at("2022-04-13 00:00"));
        assertEquals(List.of("stay 138 2022-04-07 10:00..2022-04-07 11:30", "case c-1 2022-04-07 10:00..2022-04-07 11:30"),
                output());
    }

    @Test
    void eachStayKnowsFromWhenThePhonesDwellInItsCellExceedsThirtyHours() throws Exception {
        send(pings("138", "2022-04-01 00:00", "2022-04-01 20:00", 30, HOME));
        send(pings("138", "2022-04-02 00:00", "2022-04-02 23:30", 30, HOME));
        harness.processWatermark(at("2022-04-03 00:00"));
        List<CellEvent> stays = harness.extractOutputValues();
        assertEquals(Long.MAX_VALUE, stays.get(0).stay.dwellExceededFrom, "20.5 h");
        // 20.5 h before, so the limit is passed 9.5 h into the second stay
        assertEquals(at("2022-04-02 09:30") + 1, stays.get(1).stay.dwellExceededFrom);
    }

    @Test
    void aPingBehindTheWatermarkIsRejectedAsLate() throws Exception {
        harness.processWatermark(at("2022-04-06 10:00"));
        send(List.of(ping("139", "2022-04-06 09:59", HOME)));
        List<Rejection> rejected = harness.getSideOutput(DecodeFunction.REJECTED).stream().map(StreamRecord::getValue)
                .toList();
        assertEquals(1, rejected.size());
        assertEquals("telecom.pings", rejected.get(0).source());
        assertEquals(at("2022-04-06 09:59"), rejected.get(0).at());
    }

    @Test
    void stateEmptiesOnceTrafficStopsForTheRetention() throws Exception {
        send(pings("138", "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV));
        send(Tracks.window("c-1", "138", "2022-04-08 08:00", "2022-04-09 09:00", "2022-04-08 10:00"));
        send(pings("139", "2022-04-07 10:00", "2022-04-07 11:00", 20, HOME));
        harness.processWatermark(at("2022-04-09 00:00"));
        for (String state : List.of("open-stay", "recent-stays", "dwell-by-cell", "case-windows")) {
            assertEquals(state.equals("case-windows") ? 1 : state.equals("open-stay") ? 0 : 2,
                    KeyedState.keysWith(harness, state), state);
        }
        harness.processWatermark(at("2022-04-09 00:00") + 17 * 24 * 3600_000L);
        for (String state : List.of("pending-track-events", "open-stay", "recent-stays", "dwell-by-cell", "case-windows",
                "sweep-at")) {
            assertEquals(0, KeyedState.keysWith(harness, state), state);
        }
        assertEquals(0, function.keysWaiting());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    @Timeout(60)
    void theEndOfTheInputEndsTheOpenStay_andLeavesNoTimer_itsStateGoesWithTheJob() throws Exception {
        send(pings("138", "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV));
        send(Tracks.window("c-1", "138", "2022-04-08 08:00", "2022-04-09 09:00", "2022-04-08 10:00"));
        harness.processWatermark(Long.MAX_VALUE);
        assertEquals(List.of("stay 138 2022-04-07 10:00..2022-04-07 11:30", "case c-1 2022-04-07 10:00..2022-04-07 11:30"),
                output());
        // not swept at the end of a bounded input (see SweepSchedule.due): the job drops it
        assertEquals(1, KeyedState.keysWith(harness, "recent-stays"));
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void pingsWaitingForTheWatermarkAtACheckpointApplyAfterARestoreAtAnotherParallelism_onHeap() throws Exception {
        assertWaitingPingsSurviveARescale(StateBackends.HEAP_EVENTS_PER_SUBTASK);
    }

    @Test
    void pingsWaitingForTheWatermarkAtACheckpointApplyAfterARestoreAtAnotherParallelism_beyondTheHeapLimit()
            throws Exception {
        assertWaitingPingsSurviveARescale(3);
    }

    @Test
    void theJobsHeapEventsPerSubtaskDecidesWhenWaitingPingsGoToKeyedState() throws Exception {
        Configuration job = new Configuration();
        StateBackends.configureLive(job, "rocksdb", 3);
        var subtask = new KeyedOneInputStreamOperatorTestHarness<>(WatermarkWakeOperator.of(new StayFunction(Tracks.SPEC)),
                (PhoneTrackEvent e) -> e.msisdn, Types.STRING);
        subtask.setStateBackend(new EmbeddedRocksDBStateBackend());
        subtask.getExecutionConfig().configure(job, getClass().getClassLoader());
        subtask.open();
        for (String phone : List.of("13800000001", "13800000002")) {
            for (LocatedPing p : pings(phone, "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV)) {
                subtask.processElement(PhoneTrackEvent.of(p), p.ts);
            }
        }
        assertEquals(2, KeyedState.keysWith(subtask, "pending-track-events"), "past the first 3 pings, in keyed state");
        subtask.processWatermark(at("2022-04-08 00:00"));
        assertEquals(List.of("stay 13800000001 2022-04-07 10:00..2022-04-07 11:30",
                "stay 13800000002 2022-04-07 10:00..2022-04-07 11:30"), output(subtask).stream().sorted().toList());
        assertEquals(0, KeyedState.keysWith(subtask, "pending-track-events"));
        subtask.close();
    }

    @Test
    void waitingPingsWakeTheirPhoneAtTheWatermarkThatPassesThem_withoutATimerEach() throws Exception {
        send(pings("138", "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV));
        send(pings("139", "2022-04-07 10:10", "2022-04-07 11:10", 20, HOME));
        assertEquals(0, harness.numEventTimeTimers(), "the waiting pings' wake-ups are on the heap");
        harness.processWatermark(at("2022-04-07 10:05"));
        assertEquals(2, harness.numEventTimeTimers(), "138's silence check and sweep, none for its waiting pings");
        harness.processWatermark(at("2022-04-07 12:00"));
        assertEquals(List.of("stay 138 2022-04-07 10:00..2022-04-07 11:30", "stay 139 2022-04-07 10:10..2022-04-07 11:40"),
                output().stream().sorted().toList());
        assertEquals(0, function.keysWaiting());
    }

    @Test
    void aCheckpointOfTimerWokenPhonesRestoresIntoWatermarkWokenOnes_eachStayOnce() throws Exception {
        var before = timerWokenSubtask(1, 0);
        before.open();
        for (String phone : List.of("13800000001", "13800000002")) {
            for (LocatedPing p : pings(phone, "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV)) {
                before.processElement(PhoneTrackEvent.of(p), p.ts);
            }
        }
        before.processWatermark(at("2022-04-07 10:30"));
        OperatorSubtaskState checkpoint = before.snapshot(1, at("2022-04-07 10:30"));
        assertEquals(6, before.numEventTimeTimers(), "each phone's wake-up, silence check and sweep");
        before.close();

        var after = subtask(StateBackends.HEAP_EVENTS_PER_SUBTASK, 1, 0);
        after.initializeState(checkpoint);
        after.open();
        after.processWatermark(at("2022-04-08 00:00"));
        assertEquals(List.of("stay 13800000001 2022-04-07 10:00..2022-04-07 11:30",
                "stay 13800000002 2022-04-07 10:00..2022-04-07 11:30"), output(after).stream().sorted().toList());
        after.close();
    }

    /** Ten phones' pings wait at a checkpoint; restored on two subtasks, each phone's stays come out once. */
    private void assertWaitingPingsSurviveARescale(int eventsOnHeap) throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            phones.add("1380000000" + i);
        }
        var before = subtask(eventsOnHeap, 1, 0);
        before.open();
        for (String phone : phones) {
            for (LocatedPing p : pings(phone, "2022-04-07 10:00", "2022-04-07 11:00", 20, KTV)) {
                before.processElement(PhoneTrackEvent.of(p), p.ts);
            }
        }
        before.processWatermark(at("2022-04-07 10:30")); // the first two of each phone are applied, two wait
        OperatorSubtaskState checkpoint = before.snapshot(1, at("2022-04-07 10:30"));
        before.close();

        List<String> stays = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            var after = subtask(eventsOnHeap, 2, index);
            after.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(checkpoint, MAX_PARALLELISM,
                    1, 2, index));
            after.open();
            after.processWatermark(at("2022-04-08 00:00"));
            List<String> out = output(after);
            assertFalse(out.isEmpty(), "each subtask holds some of the ten phones");
            stays.addAll(out);
            assertEquals(0, KeyedState.keysWith(after, "pending-track-events"), "nothing left waiting in keyed state");
            assertEquals(0, ((StayFunction) ((KeyedProcessOperator<?, ?, ?>) after.getOperator()).getUserFunction())
                    .keysWaiting(), "nothing left waiting on the heap");
            after.close();
        }
        assertEquals(phones.stream().map(p -> "stay " + p + " 2022-04-07 10:00..2022-04-07 11:30").sorted().toList(),
                stays.stream().sorted().toList(), "each phone's stay once, on the subtask of its key group");
    }
}
