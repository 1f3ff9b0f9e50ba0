package healthcode.jobs.functions;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * A key's periodic sweep in event time, which keeps its state bounded: the first is set when the
 * key is first seen, and each sweep sets the next while the key still holds state.
 */
final class SweepSchedule {
    private final ValueState<Long> sweepAt;
    private final long interval;

    SweepSchedule(RuntimeContext context, long interval) {
        this.sweepAt = context.getState(new ValueStateDescriptor<>("sweep-at", Types.LONG));
        this.interval = interval;
    }

    /**
     * Whether a sweep is due at this watermark; sets the key's first one. Never at the end of a bounded input:
     * the state goes with the job, and deleting it key by key there costs more than the run (each RocksDB
     * iterator skips the tombstones of every key swept before it).
     */
    boolean due(long watermark, TimerService timers) throws Exception {
        if (watermark == Long.MAX_VALUE) {
            return false;
        }
        Long at = sweepAt.value();
        if (at == null) {
            next(watermark, timers);
            return false;
        }
        return at <= watermark;
    }

    /** After a sweep: the next one, while the key still holds state. */
    void after(long now, boolean holdsState, TimerService timers) throws Exception {
        if (holdsState) {
            next(now, timers);
        } else {
            sweepAt.clear();
        }
    }

    private void next(long now, TimerService timers) throws Exception {
        // the end of time (a backfill's last watermark) when now + interval overflows
        long at = now > Long.MAX_VALUE - interval ? Long.MAX_VALUE : now + interval;
        if (at <= now) {
            sweepAt.clear(); // the end of time (a backfill's last watermark): no later event comes
            return;
        }
        sweepAt.update(at);
        // forget what no later event can need
        timers.registerEventTimeTimer(at);
    }
}
