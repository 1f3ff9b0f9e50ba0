package healthcode.jobs.functions;

import healthcode.common.companions.AreaProgress;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A phone's progress through each risk area it has been matched against, and, while one key is
 * handled, the areas it is inside now (read once per wake-up, not per ping).
 */
final class AreaVisits {
    private final MapState<String, AreaProgress> progress;
    private TreeSet<String> inside;

    AreaVisits(RuntimeContext context) {
        this.progress = context.getMapState(new MapStateDescriptor<>("area-progress", Types.STRING,
                TypeInformation.of(AreaProgress.class)));
    }

    /** Reads which areas the current key is inside. */
    void load() throws Exception {
        inside = new TreeSet<>();
        for (Map.Entry<String, AreaProgress> e : progress.entries()) {
            if (e.getValue().open) {
                inside.add(e.getKey());
            }
        }
    }

    /** The areas the phone is inside now, in id order (a copy: saving changes the set). */
    TreeSet<String> inside() {
        return new TreeSet<>(inside);
    }

    AreaProgress get(String areaId) throws Exception {
        return progress.get(areaId);
    }

    boolean knows(String areaId) throws Exception {
        return progress.contains(areaId);
    }

    void save(String areaId, AreaProgress p) throws Exception {
        progress.put(areaId, p);
        if (p.open) {
            inside.add(areaId);
        } else {
            inside.remove(areaId);
        }
    }

    /** Forgets the areas the phone left before {@code oldest}. */
    void forgetLeftBefore(long oldest) throws Exception {
        StateSweeps.removeIf(progress, e -> !e.getValue().open && e.getValue().touchedAt < oldest);
    }

    boolean isEmpty() throws Exception {
        return progress.isEmpty();
    }
}
