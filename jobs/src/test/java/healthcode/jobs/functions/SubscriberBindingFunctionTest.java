package healthcode.jobs.functions;

import static healthcode.jobs.functions.TestRecords.at;
import static healthcode.jobs.functions.TestRecords.binding;
import static healthcode.jobs.functions.TestRecords.companion;
import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PhoneEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Detections on a phone go to the persons bound at their event time; unbinding empties the state. */
class SubscriberBindingFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, PhoneEvent, PersonEvent> harness;
    private final SubscriberBindingFunction function = new SubscriberBindingFunction();

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), e -> e.msisdn, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(PhoneEvent e) throws Exception {
        harness.processElement(e, e.eventTime);
    }

    private List<String> persons() {
        return harness.extractOutputValues().stream().map(e -> e.personId + "@" + e.companion.caseId()).toList();
    }

    @Test
    void detectionGoesToEveryPersonBoundAtItsTime_inEventTimeOrder() throws Exception {
        send(companion("138", "c-1", "2022-02-05 10:00"));
        send(binding("138", "mother", "2022-01-01 00:00", false));
        send(binding("138", "child", "2022-01-02 00:00", false));
        send(binding("138", "child", "2022-02-06 00:00", true));
        send(companion("138", "c-2", "2022-02-07 10:00"));
        harness.processWatermark(at("2022-03-01 00:00"));
        assertEquals(List.of("child@c-1", "mother@c-1", "mother@c-2"), persons());
    }

    @Test
    void unboundPhone_goesToItsNumber() throws Exception {
        send(companion("139", "c-1", "2022-02-05 10:00"));
        harness.processWatermark(at("2022-03-01 00:00"));
        assertEquals(List.of("msisdn:139@c-1"), persons());
    }

    @Test
    void stateEmptiesWhenEveryBindingEnded() throws Exception {
        send(binding("138", "mother", "2022-01-01 00:00", false));
        send(companion("138", "c-1", "2022-02-05 10:00"));
        harness.processWatermark(at("2022-02-06 00:00"));
        assertEquals(1, KeyedState.keysWith(harness, "bound-persons"));
        send(binding("138", "mother", "2022-02-07 00:00", true));
        harness.processWatermark(at("2022-02-08 00:00"));
        assertEquals(0, KeyedState.keysWith(harness, "bound-persons"));
        assertEquals(0, KeyedState.keysWith(harness, "waiting-phone-records"));
        assertEquals(0, function.keysWaiting());
        assertEquals(0, harness.numEventTimeTimers());
    }
}
