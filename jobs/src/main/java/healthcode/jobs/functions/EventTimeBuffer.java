package healthcode.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * A key's events waiting for the watermark to pass their event time, so they apply in event-time
 * order whatever order they arrived in. An append is one state write (no read), and one timer at
 * the earliest waiting time wakes the key, which then takes every event the watermark has passed.
 */
final class EventTimeBuffer<E> {
    private final ListState<E> waiting;
    private final ValueState<Long> wakeAt;
    private final ToLongFunction<E> eventTime;

    EventTimeBuffer(RuntimeContext context, String stateName, TypeInformation<E> type, ToLongFunction<E> eventTime) {
        this.waiting = context.getListState(new ListStateDescriptor<>(stateName, type));
        this.wakeAt = context.getState(new ValueStateDescriptor<>(stateName + "-wake-at", Types.LONG));
        this.eventTime = eventTime;
    }

    void add(E event, TimerService timers) throws Exception {
        waiting.add(event);
        long time = eventTime.applyAsLong(event);
        Long wake = wakeAt.value();
        if (wake == null || time < wake) {
            wakeAt.update(time);
            // apply the event once every event before it has arrived
            timers.registerEventTimeTimer(time);
        }
    }

    /** Removes the events the watermark has passed and returns them by instant, earliest first. */
    TreeMap<Long, List<E>> takeUntil(long watermark, TimerService timers) throws Exception {
        TreeMap<Long, List<E>> ready = new TreeMap<>();
        Long wake = wakeAt.value();
        if (wake == null || wake > watermark) {
            return ready;
        }
        List<E> later = new ArrayList<>();
        long nextWake = Long.MAX_VALUE;
        Iterable<E> all = waiting.get();
        for (E e : all) {
            long time = eventTime.applyAsLong(e);
            if (time <= watermark) {
                ready.computeIfAbsent(time, t -> new ArrayList<>(1)).add(e);
            } else {
                later.add(e);
                nextWake = Math.min(nextWake, time);
            }
        }
        if (later.isEmpty()) {
            waiting.clear();
            wakeAt.clear();
        } else {
            waiting.update(later);
            wakeAt.update(nextWake);
            // apply the remaining events once the watermark passes the earliest
            timers.registerEventTimeTimer(nextWake);
        }
        return ready;
    }

    boolean isEmpty() throws Exception {
        return wakeAt.value() == null;
    }
}
