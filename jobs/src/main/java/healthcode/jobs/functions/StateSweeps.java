package healthcode.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/** Helpers for the daily sweep that keeps keyed state bounded. */
final class StateSweeps {
    private StateSweeps() {}


    /** Removes the entries that match; keys are collected first, so no iterator is written through. */
    static <K, V> void removeIf(MapState<K, V> state, Predicate<Map.Entry<K, V>> expired) throws Exception {
        List<K> keys = new ArrayList<>();
        for (Map.Entry<K, V> e : state.entries()) {
            if (expired.test(e)) {
                keys.add(e.getKey());
            }
        }
        for (K key : keys) {
            state.remove(key);
        }
    }

    /** Keeps the list's entries that match; an empty list is cleared, so the key holds nothing. */
    static <T> void keepIf(ValueState<List<T>> state, Predicate<T> keep) throws Exception {
        List<T> list = state.value();
        if (list == null) {
            return;
        }
        List<T> kept = new ArrayList<>(list);
        kept.removeIf(keep.negate());
        if (kept.isEmpty()) {
            state.clear();
        } else if (kept.size() < list.size()) {
            state.update(kept);
        }
    }
}
