package healthcode.jobs.functions;

import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.Dwell;
import healthcode.common.companions.Stays;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/** A phone's stays per cell over the dwell lookback, as {from, to} pairs: what the dwell condition sums. */
final class DwellHistory {
    private final MapState<Long, long[]> byCell;
    private final long lookback;
    private final long limit;

    DwellHistory(RuntimeContext context, CompanionSettings settings) {
        this.byCell = context.getMapState(new MapStateDescriptor<>("dwell-by-cell", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        this.lookback = settings.dwellLookback().toMillis();
        this.limit = settings.minCumulativeDwell().toMillis();
    }

    /** Records a stay that ended; returns the instant of it from which the dwell exceeds the limit. */
    long record(Stays.Ended stay) throws Exception {
        long[] earlier = Dwell.endingAfter(byCell.get(stay.cell()), stay.from() - lookback);
        long exceededFrom = Dwell.exceededFrom(earlier, stay.from(), stay.to(), lookback, limit);
        byCell.put(stay.cell(), Dwell.append(earlier, stay.from(), stay.to()));
        return exceededFrom;
    }

    /** Forgets the stays no stay beginning at {@code since} or later can count. */
    void forgetBefore(long since) throws Exception {
        List<Long> cells = new ArrayList<>();
        byCell.keys().forEach(cells::add);
        for (Long cell : cells) {
            long[] kept = Dwell.endingAfter(byCell.get(cell), since - lookback);
            if (kept.length == 0) {
                byCell.remove(cell);
            } else {
                byCell.put(cell, kept);
            }
        }
    }

    boolean isEmpty() throws Exception {
        return byCell.isEmpty();
    }
}
