package healthcode.jobs.functions;

import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.Stay;
import healthcode.jobs.serde.CellCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A cell's stays. A new stay is appended to a log (one state write, no read: a busy cell takes a stay
 * per ping); each sweep files the log under time buckets of the stays' start. With the longest filed
 * stay known, the filed stays that can overlap an interval lie in the buckets from its start minus
 * that length to its end; the log is read whole, and once per key visit.
 */
final class BucketedStays {
    private final MapState<Long, List<Stay>> byBucket;
    private final ValueState<Long> longest;
    private final ListState<Stay> unfiled;
    private final CompanionSettings settings;
    /** The current key's unfiled stays, once read. */
    private List<Stay> unfiledSeen;

    BucketedStays(RuntimeContext context, CompanionSettings settings) {
        this.byBucket = context.getMapState(new MapStateDescriptor<>("stays-by-bucket", Types.LONG,
                Types.LIST(CellCodecs.STAY)));
        this.longest = context.getState(new ValueStateDescriptor<>("longest-stay", Types.LONG));
        this.unfiled = context.getListState(new ListStateDescriptor<>("unfiled-stays", CellCodecs.STAY));
        this.settings = settings;
    }

    /** Before the first call for a key. */
    void startKey() {
        unfiledSeen = null;
    }

    void add(Stay stay) throws Exception {
        unfiled.add(stay);
        if (unfiledSeen != null) {
            unfiledSeen.add(stay);
        }
    }

    /** The stays that may overlap (from, to), and perhaps a few more, by bucket, in the order added. */
    List<Stay> near(long from, long to) throws Exception {
        TreeMap<Long, List<Stay>> near = new TreeMap<>();
        Long length = longest.value();
        if (length != null) {
            for (long b = settings.bucketOf(from - length); b < to; b += settings.bucketMs()) {
                List<Stay> stays = byBucket.get(b);
                if (stays != null) {
                    near.put(b, new ArrayList<>(stays));
                }
            }
        }
        for (Stay stay : unfiled()) {
            long bucket = settings.bucketOf(stay.from);
            if (stay.to >= from && bucket < to) {
                near.computeIfAbsent(bucket, b -> new ArrayList<>()).add(stay);
            }
        }
        List<Stay> all = new ArrayList<>();
        near.values().forEach(all::addAll);
        return all;
    }

    List<Stay> all() throws Exception {
        List<Stay> all = new ArrayList<>();
        byBucket.values().forEach(all::addAll);
        all.addAll(unfiled());
        return all;
    }

    /** Files the logged stays and forgets the stays that ended before {@code oldest}. */
    void forgetEndedBefore(long oldest) throws Exception {
        TreeMap<Long, List<Stay>> added = new TreeMap<>();
        for (Stay stay : unfiled()) {
            if (stay.to >= oldest) {
                added.computeIfAbsent(settings.bucketOf(stay.from), b -> new ArrayList<>()).add(stay);
            }
        }
        unfiled.clear();
        unfiledSeen = new ArrayList<>();
        long length = 0;
        List<Long> buckets = new ArrayList<>();
        byBucket.keys().forEach(buckets::add);
        for (Long bucket : buckets) {
            List<Stay> kept = new ArrayList<>(byBucket.get(bucket));
            boolean changed = kept.removeIf(stay -> stay.to < oldest);
            List<Stay> filed = added.remove(bucket);
            if (filed != null) {
                kept.addAll(filed);
                changed = true;
            }
            if (kept.isEmpty()) {
                byBucket.remove(bucket);
            } else {
                if (changed) {
                    byBucket.put(bucket, kept);
                }
                length = Math.max(length, longestOf(kept));
            }
        }
        for (Map.Entry<Long, List<Stay>> filed : added.entrySet()) {
            byBucket.put(filed.getKey(), filed.getValue());
            length = Math.max(length, longestOf(filed.getValue()));
        }
        longest.update(byBucket.isEmpty() ? null : length);
    }

    boolean isEmpty() throws Exception {
        return byBucket.isEmpty() && unfiled().isEmpty();
    }

    private List<Stay> unfiled() throws Exception {
        if (unfiledSeen == null) {
            unfiledSeen = new ArrayList<>();
            Iterable<Stay> logged = unfiled.get();
            if (logged != null) {
                logged.forEach(unfiledSeen::add);
            }
        }
        return unfiledSeen;
    }

    private static long longestOf(List<Stay> stays) {
        long length = 0;
        for (Stay stay : stays) {
            length = Math.max(length, stay.to - stay.from);
        }
        return length;
    }
}
