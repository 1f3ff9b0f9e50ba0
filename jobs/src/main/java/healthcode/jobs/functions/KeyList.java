package healthcode.jobs.functions;

import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.ValueState;

/**
 * A keyed list read at most once while its key is current. A cell's case stays and risk areas are read for
 * every stay it adds; deserialising them each time was most of the cell index's time (BENCHMARKS.md).
 */
final class KeyList<T> {
    private final ValueState<List<T>> state;
    private List<T> current;

    KeyList(ValueState<List<T>> state) {
        this.state = state;
    }

    /** Forgets what was read for the previous key. */
    void startKey() {
        current = null;
    }

    /** The key's list, empty if it has none; not to be changed (see {@link #update}). */
    List<T> get() throws Exception {
        if (current == null) {
            List<T> stored = state.value();
            current = stored == null ? List.of() : stored;
        }
        return current;
    }

    void update(List<T> list) throws Exception {
        state.update(list);
        current = list;
    }

    /** Keeps the entries that match; an empty list is cleared, so the key holds nothing. */
    void keepIf(Predicate<T> keep) throws Exception {
        StateSweeps.keepIf(state, keep);
        current = null;
    }

    boolean isEmpty() throws Exception {
        return get().isEmpty();
    }
}
