package healthcode.jobs.functions;

import healthcode.jobs.StateBackends;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.TimerService;

/**
 * Each key's events waiting for the watermark to pass their event time, so they apply in event-time
 * order whatever order they arrived in. One timer at a key's earliest waiting time wakes it, or under a
 * {@link WatermarkWakeOperator} the watermark that passes that time, and it takes every event the watermark has passed.
 *
 * <p>The events wait on the subtask's heap: with RocksDB a keyed list cost each event an append, a
 * read and a write of the wake time and, at the wake-up, a read and two deletes, about a third of the
 * companion job's RocksDB time (BENCHMARKS.md). Beyond the job's {@code heapEventsPerSubtask} waiting
 * events (a backfill holds all its input until the end) the rest go to a keyed list, as before. At a checkpoint
 * the heap's events and the keys with events in the keyed list are written as union operator state;
 * on restore each subtask keeps the keys of its key groups, so rescaling loses nothing. Keyed lists
 * restored from savepoints of the first state version (every event in the list, its wake time in
 * {@code <name>-wake-at}) are read back key by key as their keys wake.
 */
final class EventTimeBuffer<K, E> {
    private static final int FORMAT = 2;
    private static final int FORMAT_WITH_WAKE_TIMES_IN_STATE = 1;

    private final ToLongFunction<E> eventTime;
    private final int heapEvents;
    private final Map<K, Waiting<E>> waiting = new HashMap<>();
    private int onHeap;
    private final ListState<E> spilled;
    private final ValueState<Long> wakeAtInState;
    private final ListState<Tuple2<K, E>> heapAtCheckpoint;
    private final ListState<Tuple2<K, Long>> spilledKeysAtCheckpoint;
    private final ListState<Integer> formatAtCheckpoint;
    /** Whether keys restored from a first-version savepoint may still have events only the keyed state knows. */
    private boolean wakeTimesInState;
    /** Wake-ups for {@link WatermarkWakeOperator}, earliest first (a key's superseded ones are skipped); null: timers. */
    private PriorityQueue<Due<K>> due;

    /** A key to wake once the watermark passes {@code at}. */
    record Due<K>(long at, K key) {}

    private static final class Waiting<E> {
        List<E> events = new ArrayList<>(2);
        long wakeAt = Long.MAX_VALUE;
        boolean spilled;
    }

    /** @param heapEvents waiting events this subtask keeps on its heap; null: the job's {@code heapEventsPerSubtask} */
    EventTimeBuffer(FunctionInitializationContext context, RuntimeContext runtime, String stateName,
                    TypeInformation<K> keyType, TypeInformation<E> type, ToLongFunction<E> eventTime, Integer heapEvents)
            throws Exception {
        this.eventTime = eventTime;
        this.heapEvents = heapEvents != null ? heapEvents : StateBackends.heapEventsPerSubtask(runtime);
        this.spilled = context.getKeyedStateStore().getListState(new ListStateDescriptor<>(stateName, type));
        this.wakeAtInState = context.getKeyedStateStore().getState(
                new ValueStateDescriptor<>(stateName + "-wake-at", Types.LONG));
        var operatorState = context.getOperatorStateStore();
        this.heapAtCheckpoint = operatorState.getUnionListState(new ListStateDescriptor<>(stateName + "-on-heap",
                new TupleTypeInfo<>(keyType, type)));
        this.spilledKeysAtCheckpoint = operatorState.getUnionListState(new ListStateDescriptor<>(
                stateName + "-spilled-keys", new TupleTypeInfo<>(keyType, Types.LONG)));
        this.formatAtCheckpoint = operatorState.getUnionListState(new ListStateDescriptor<>(stateName + "-format",
                Types.INT));
        if (context.isRestored()) {
            restore(runtime.getTaskInfo());
        }
    }

    private void restore(TaskInfo task) throws Exception {
        List<Integer> formats = new ArrayList<>();
        formatAtCheckpoint.get().forEach(formats::add);
        wakeTimesInState = formats.isEmpty() || formats.contains(FORMAT_WITH_WAKE_TIMES_IN_STATE);
        for (Tuple2<K, Long> key : spilledKeysAtCheckpoint.get()) {
            if (isMine(key.f0, task)) {
                Waiting<E> w = waiting.computeIfAbsent(key.f0, k -> new Waiting<>());
                w.spilled = true;
                w.wakeAt = Math.min(w.wakeAt, key.f1);
            }
        }
        for (Tuple2<K, E> event : heapAtCheckpoint.get()) {
            if (isMine(event.f0, task)) {
                Waiting<E> w = waiting.computeIfAbsent(event.f0, k -> new Waiting<>());
                w.events.add(event.f1);
                w.wakeAt = Math.min(w.wakeAt, eventTime.applyAsLong(event.f1));
                onHeap++;
            }
        }
    }

    private static boolean isMine(Object key, TaskInfo task) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, task.getMaxNumberOfParallelSubtasks(),
                task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask();
    }

    /** Writes the heap's events and the keys with events in keyed state; called at each checkpoint. */
    void snapshot() throws Exception {
        List<Tuple2<K, E>> events = new ArrayList<>(onHeap);
        List<Tuple2<K, Long>> spilledKeys = new ArrayList<>();
        for (Map.Entry<K, Waiting<E>> e : waiting.entrySet()) {
            e.getValue().events.forEach(event -> events.add(Tuple2.of(e.getKey(), event)));
            if (e.getValue().spilled) {
                spilledKeys.add(Tuple2.of(e.getKey(), e.getValue().wakeAt));
            }
        }
        heapAtCheckpoint.update(events);
        spilledKeysAtCheckpoint.update(spilledKeys);
        formatAtCheckpoint.update(List.of(wakeTimesInState ? FORMAT_WITH_WAKE_TIMES_IN_STATE : FORMAT));
    }

    /** Adds an event of the current key. */
    void add(K key, E event, TimerService timers) throws Exception {
        Waiting<E> w = lookUp(key);
        if (w == null) {
            w = new Waiting<>();
            waiting.put(key, w);
        }
        if (onHeap < heapEvents) {
            w.events.add(event);
            onHeap++;
        } else {
            spilled.add(event);
            w.spilled = true;
        }
        long time = eventTime.applyAsLong(event);
        if (time < w.wakeAt) {
            w.wakeAt = time;
            // apply the event once every event before it has arrived
            wakeAt(key, time, timers);
        }
    }

    /** Removes the current key's events the watermark has passed and returns them by instant, earliest first. */
    TreeMap<Long, List<E>> takeUntil(K key, long watermark, TimerService timers) throws Exception {
        TreeMap<Long, List<E>> ready = new TreeMap<>();
        Waiting<E> w = lookUp(key);
        if (w == null || w.wakeAt > watermark) {
            return ready;
        }
        List<E> all = w.events;
        onHeap -= all.size();
        if (w.spilled) {
            all = new ArrayList<>(all);
            Iterable<E> inState = spilled.get();
            if (inState != null) {
                inState.forEach(all::add);
            }
            spilled.clear();
        }
        List<E> later = new ArrayList<>();
        long nextWake = Long.MAX_VALUE;
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
            waiting.remove(key);
            return ready;
        }
        if (onHeap + later.size() <= heapEvents) {
            w.events = later;
            w.spilled = false;
            onHeap += later.size();
        } else {
            w.events = new ArrayList<>(2);
            w.spilled = true;
            spilled.update(later);
        }
        w.wakeAt = nextWake;
        // apply the remaining events once the watermark passes the earliest
        wakeAt(key, nextWake, timers);
        return ready;
    }

    /**
     * The current key's events of one instant, for a function whose own timers wake it in between: the buffer's
     * timers fire in event-time order, so none earlier still waits. After a restore from a first-version
     * savepoint, also the instant's records that version left in {@code firstVersion}.
     */
    List<E> takeAt(K key, long instant, TimerService timers, PendingRecords<E> firstVersion) throws Exception {
        List<E> records = new ArrayList<>();
        takeUntil(key, instant, timers).values().forEach(records::addAll);
        if (wakeTimesInState) {
            records.addAll(firstVersion.take(instant));
        }
        return records;
    }

    private void wakeAt(K key, long time, TimerService timers) {
        if (due != null) {
            due.add(new Due<>(time, key));
        } else {
            timers.registerEventTimeTimer(time);
        }
    }

    /** From now on {@link #nextDue} hands out the wake-ups (with the restored keys'), and no timer is set. */
    void wakeOnWatermark() {
        due = new PriorityQueue<>(Math.max(16, waiting.size()), (a, b) -> Long.compare(a.at, b.at));
        waiting.forEach((key, w) -> due.add(new Due<>(w.wakeAt, key)));
    }

    /** The next key whose earliest waiting event the watermark has passed, or null. */
    Due<K> nextDue(long watermark) {
        while (!due.isEmpty() && due.peek().at <= watermark) {
            Due<K> next = due.poll();
            Waiting<E> w = waiting.get(next.key);
            if (w != null && w.wakeAt == next.at) {
                return next;
            }
        }
        return null;
    }

    /** Keys with waiting events, on the heap or in keyed state. */
    int keysWaiting() {
        return waiting.size();
    }

    boolean isEmpty(K key) throws Exception {
        return lookUp(key) == null;
    }

    /** The key's waiting events, after taking over what a first-version savepoint left in keyed state. */
    private Waiting<E> lookUp(K key) throws Exception {
        Waiting<E> w = waiting.get(key);
        if (w == null && wakeTimesInState) {
            Long wake = wakeAtInState.value();
            if (wake != null) {
                w = new Waiting<>();
                w.spilled = true;
                w.wakeAt = wake;
                waiting.put(key, w);
                wakeAtInState.clear();
            }
        }
        return w;
    }
}
