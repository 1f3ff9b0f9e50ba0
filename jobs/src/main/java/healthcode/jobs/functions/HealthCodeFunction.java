package healthcode.jobs.functions;

import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PersonState;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by person: applies the person's records in event-time order through the rule engine and
 * emits colour changes, plus the person's {@link #CURRENT} state (on every change when live; once,
 * at the horizon, in a backfill). The engine decides; this class only buffers, wakes and stores.
 */
public class HealthCodeFunction extends KeyedProcessFunction<String, PersonEvent, ColourChange>
        implements CheckpointedFunction {
    public static final OutputTag<CurrentState> CURRENT = new OutputTag<>("current", TypeInformation.of(CurrentState.class));

    private final HealthCodeEngine engine;
    /** Backfill horizon: nothing after it is applied, and the state at it is reported. Null when live. */
    private final Long horizon;

    private transient ValueState<PersonState> person;
    private transient EventTimeBuffer<String, PersonEvent> waiting;
    /** Where the first state version kept waiting records; read only after a restore from it. */
    private transient PendingRecords<PersonEvent> pendingInFirstVersion;
    private transient HealthCodeMetrics metrics;

    public HealthCodeFunction(HealthCodeEngine engine, Long horizon) {
        this.engine = engine;
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        person = getRuntimeContext().getState(new ValueStateDescriptor<>("person", TypeInformation.of(PersonState.class)));
        pendingInFirstVersion = new PendingRecords<>(getRuntimeContext(), "pending-records",
                TypeInformation.of(PersonEvent.class));
        metrics.register(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        metrics = HealthCodeMetrics.restore(context); // before open
        waiting = new EventTimeBuffer<>(context, getRuntimeContext(), "waiting-records", Types.STRING,
                TypeInformation.of(PersonEvent.class), e -> e.eventTime, null);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        metrics.snapshot();
        waiting.snapshot();
    }

    @Override
    public void processElement(PersonEvent event, Context ctx, Collector<ColourChange> out) throws Exception {
        if (horizon != null && event.eventTime > horizon) {
            return; // beyond the analysis horizon
        }
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime <= watermark) {
            metrics.appliedLate(1);
            advance(person.value(), ctx.getCurrentKey(), watermark, List.of(event), true, ctx.timerService(), out, ctx);
            return;
        }
        waiting.add(ctx.getCurrentKey(), event, ctx.timerService());
        if (horizon != null) {
            // report the person's state at the horizon
            ctx.timerService().registerEventTimeTimer(horizon);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ColourChange> out) throws Exception {
        List<PersonEvent> records = waiting.takeAt(ctx.getCurrentKey(), timestamp, ctx.timerService(),
                pendingInFirstVersion);
        PersonState state = person.value();
        if (records.isEmpty() && state == null) {
            return;
        }
        advance(state, ctx.getCurrentKey(), timestamp, records, false, ctx.timerService(), out, ctx);
    }

    /** Steps the person's stored state (null for a new person) to t and stores it again. */
    private void advance(PersonState state, String personId, long t, List<PersonEvent> records, boolean late,
                         TimerService timers, Collector<ColourChange> out, Context ctx) throws Exception {
        CurrentState before = state == null || horizon != null ? null : engine.current(state);
        boolean stored = state != null;
        int episodesBefore = stored ? state.episodes.size() : 0;
        if (state == null) {
            state = new PersonState(personId, t);
        }
        ColourChange change = engine.step(state, t, records, late);
        if (change != null) {
            metrics.changedTo(change.to());
            out.collect(change);
        }
        if (horizon == null) {
            CurrentState after = engine.current(state);
            if (!after.equals(before)) {
                ctx.output(CURRENT, after);
            }
        } else if (t == horizon) {
            ctx.output(CURRENT, engine.current(state));
        }
        Long forgetAt = engine.forgetAt(state);
        if (horizon == null && forgetAt != null && forgetAt <= t) {
            person.clear();
            metrics.stored(stored, episodesBefore, null);
            return;
        }
        person.update(state);
        metrics.stored(stored, episodesBefore, state);
        Long wakeUp = engine.nextWakeUp(state);
        if (wakeUp != null && (horizon == null || wakeUp <= horizon)) {
            // a phase is up or a new edition starts: the colour may change without a record
            timers.registerEventTimeTimer(wakeUp);
        }
        if (horizon == null && forgetAt != null) {
            // nothing active: forget the person once the retention has passed
            timers.registerEventTimeTimer(forgetAt);
        }
    }

    /** Keys with records waiting for the watermark (for tests: the buffer empties as its keys' state does). */
    int keysWaiting() {
        return waiting.keysWaiting();
    }
}
