package healthcode.jobs.functions;

import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.Stay;
import healthcode.jobs.serde.CellCodecs;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A cell's stays, stored under time buckets of their start. With the longest stay known, the stays
 * that can overlap an interval lie in the buckets from its start minus that length to its end.
 */
final class BucketedStays {
    private final MapState<Long, List<Stay>> byBucket;
    private final ValueState<Long> longest;
    private final CompanionSettings settings;

    BucketedStays(RuntimeContext context, CompanionSettings settings) {
        this.byBucket = context.getMapState(new MapStateDescriptor<>("stays-by-bucket", Types.LONG,
                Types.LIST(CellCodecs.STAY)));
        this.longest = context.getState(new ValueStateDescriptor<>("longest-stay", Types.LONG));
        this.settings = settings;
    }

    void add(Stay stay) throws Exception {
        long bucket = settings.bucketOf(stay.from);
        List<Stay> stays = byBucket.get(bucket);
        stays = stays == null ? new ArrayList<>() : stays;
        stays.add(stay);
        byBucket.put(bucket, stays);
        Long length = longest.value();
        if (length == null || stay.to - stay.from > length) {
            longest.update(stay.to - stay.from);
        }
    }

    /** The stays that may overlap (from, to), and perhaps a few more. */
    List<Stay> near(long from, long to) throws Exception {
        List<Stay> near = new ArrayList<>();
        Long length = longest.value();
        if (length == null) {
            return near;
        }
        for (long b = settings.bucketOf(from - length); b < to; b += settings.bucketMs()) {
            List<Stay> stays = byBucket.get(b);
            if (stays != null) {
                near.addAll(stays);
            }
        }
        return near;
    }

    Iterable<List<Stay>> all() throws Exception {
        return byBucket.values();
    }

    /** Forgets the stays that ended before {@code oldest}. */
    void forgetEndedBefore(long oldest) throws Exception {
        long length = 0;
        List<Long> buckets = new ArrayList<>();
        byBucket.keys().forEach(buckets::add);
        for (Long bucket : buckets) {
            List<Stay> kept = new ArrayList<>(byBucket.get(bucket));
            kept.removeIf(stay -> stay.to < oldest);
            if (kept.isEmpty()) {
                byBucket.remove(bucket);
            } else {
                byBucket.put(bucket, kept);
                for (Stay stay : kept) {
                    length = Math.max(length, stay.to - stay.from);
                }
            }
        }
        longest.update(byBucket.isEmpty() ? null : length);
    }

    boolean isEmpty() throws Exception {
        return byBucket.isEmpty();
    }
}
