package healthcode.jobs.functions;

import java.util.stream.Stream;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Counts the keys that hold a named state in a harness, whatever the state backend. */
final class KeyedState {
    private KeyedState() {}

    @SuppressWarnings("unchecked")
    static long keysWith(AbstractStreamOperatorTestHarness<?> harness, String stateName) {
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        try (Stream<Object> keys = backend.getKeys(stateName, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }
}
