package healthcode.jobs.functions;

import healthcode.common.companions.Fixes;
import healthcode.common.companions.LocatedPing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** A phone's pings, by day, so a risk area designated later can be matched against them. */
final class PingTrack {
    private static final long DAY = 24 * 3600_000L;

    private final MapState<Long, Fixes> byDay;

    PingTrack(RuntimeContext context) {
        this.byDay = context.getMapState(new MapStateDescriptor<>("pings-by-day", Types.LONG,
                TypeInformation.of(Fixes.class)));
    }

    /** Keeps the pings, in time order within each day: one read and one write per day they fall on. */
    void rememberAll(List<LocatedPing> pings) throws Exception {
        TreeMap<Long, List<LocatedPing>> byDayNew = new TreeMap<>();
        for (LocatedPing ping : pings) {
            byDayNew.computeIfAbsent(Math.floorDiv(ping.ts, DAY) * DAY, d -> new ArrayList<>()).add(ping);
        }
        for (Map.Entry<Long, List<LocatedPing>> day : byDayNew.entrySet()) {
            Fixes kept = byDay.get(day.getKey());
            List<LocatedPing> added = day.getValue();
            added.sort(LocatedPing.ORDER);
            Fixes.Builder merged = new Fixes.Builder();
            int k = 0;
            int a = 0;
            int keptSize = kept == null ? 0 : kept.size();
            while (k < keptSize || a < added.size()) {
                if (a == added.size() || (k < keptSize && kept.times[k] <= added.get(a).ts)) {
                    merged.add(kept.times[k], kept.lats[k], kept.lons[k]);
                    k++;
                } else {
                    merged.add(added.get(a).ts, added.get(a).lat, added.get(a).lon);
                    a++;
                }
            }
            byDay.put(day.getKey(), merged.build());
        }
    }

    /** The kept pings from {@code since} to {@code until}, both included, in time order. */
    Fixes between(long since, long until) throws Exception {
        TreeMap<Long, Fixes> days = new TreeMap<>();
        for (Map.Entry<Long, Fixes> e : byDay.entries()) {
            if (e.getKey() + DAY > since && e.getKey() <= until) {
                days.put(e.getKey(), e.getValue());
            }
        }
        Fixes.Builder between = new Fixes.Builder();
        for (Fixes fixes : days.values()) {
            for (int i = 0; i < fixes.size(); i++) {
                if (fixes.times[i] >= since && fixes.times[i] <= until) {
                    between.add(fixes.times[i], fixes.lats[i], fixes.lons[i]);
                }
            }
        }
        return between.build();
    }

    /** Forgets the days that ended before {@code oldest}. */
    void forgetBefore(long oldest) throws Exception {
        StateSweeps.removeIf(byDay, e -> e.getKey() + DAY < oldest);
    }

    boolean isEmpty() throws Exception {
        return byDay.isEmpty();
    }
}
