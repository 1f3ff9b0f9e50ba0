package healthcode.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * How the first state version kept a key's records waiting for the watermark, by event time (now
 * {@link EventTimeBuffer}); read after a restore from a savepoint of that version, until it is empty.
 */
final class PendingRecords<E> {
    private final MapState<Long, List<E>> byTime;

    PendingRecords(RuntimeContext context, String stateName, TypeInformation<E> type) {
        this.byTime = context.getMapState(new MapStateDescriptor<>(stateName, Types.LONG, Types.LIST(type)));
    }

    void add(long eventTime, E record) throws Exception {
        List<E> records = byTime.get(eventTime);
        if (records == null) {
            records = new ArrayList<>(1);
        }
        records.add(record);
        byTime.put(eventTime, records);
    }

    /** Removes and returns the records of one instant. */
    List<E> take(long eventTime) throws Exception {
        List<E> records = byTime.get(eventTime);
        if (records == null) {
            return List.of();
        }
        byTime.remove(eventTime);
        return records;
    }
}
