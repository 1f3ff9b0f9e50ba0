package healthcode.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.MapState;

/** Sweeping helpers for map state. */
final class MapStates {
    private MapStates() {}

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
}
