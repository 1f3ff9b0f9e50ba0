package healthcode.jobs.functions;

import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.OpenStay;
import healthcode.common.companions.PhoneTrackEvent;
import healthcode.common.companions.Stay;
import healthcode.common.companions.Stays;
import healthcode.jobs.serde.CellCodecs;
import healthcode.jobs.serde.TrackCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by phone: turns its pings, in event-time order, into stays, works out each stay's dwell
 * condition, and sends every stay to its cell. The stays of a case's phone that overlap the case's
 * window go to the cell as case stays: at once for the stored history, later for stays still to end.
 */
public class StayFunction extends KeyedProcessFunction<String, PhoneTrackEvent, CellEvent>
        implements CheckpointedFunction, WatermarkWakes.Buffered<String> {
    private static final long SWEEP_INTERVAL = 24 * 3600_000L;

    private final CompanionSettings settings;
    private final Integer eventsOnHeap;
    private transient EventTimeBuffer<String, PhoneTrackEvent> buffer;
    private transient ValueState<OpenStay> openStay;
    private transient MapState<Long, Stay> recentStays;
    private transient DwellHistory dwell;
    private transient ValueState<List<CaseWindow>> caseWindows;
    private transient SweepSchedule sweeps;
    /** Key of the element or timer being handled, and its open stay and case windows while it is. */
    private transient String phone;
    private transient OpenStay open;
    private transient List<CaseWindow> windows;

    public StayFunction(CompanionSettings settings) {
        this(settings, null);
    }

    /**
     * @param eventsOnHeap waiting events a subtask keeps on its heap before it writes them to keyed state;
     *     null: the job's {@code heapEventsPerSubtask}
     */
    StayFunction(CompanionSettings settings, Integer eventsOnHeap) {
        this.settings = settings;
        this.eventsOnHeap = eventsOnHeap;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        buffer = new EventTimeBuffer<>(context, getRuntimeContext(), "pending-track-events", Types.STRING,
                TrackCodecs.PHONE_TRACK_EVENT, e -> e.eventTime, eventsOnHeap);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        buffer.snapshot();
    }

    @Override
    public EventTimeBuffer<String, ?> eventTimeBuffer() {
        return buffer;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        openStay = ctx.getState(new ValueStateDescriptor<>("open-stay", OpenStay.class));
        recentStays = ctx.getMapState(new MapStateDescriptor<>("recent-stays", Types.LONG, CellCodecs.STAY));
        dwell = new DwellHistory(ctx, settings);
        caseWindows = ctx.getState(new ValueStateDescriptor<>("case-windows",
                Types.LIST(TypeInformation.of(CaseWindow.class))));
        sweeps = new SweepSchedule(ctx, SWEEP_INTERVAL);
    }

    @Override
    public void processElement(PhoneTrackEvent event, Context ctx, Collector<CellEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime > watermark) {
            buffer.add(ctx.getCurrentKey(), event, ctx.timerService());
        } else if (event.kind == PhoneTrackEvent.Kind.PING) {
            ctx.output(Rejections.REJECTED, Rejections.latePing(event.ping, watermark));
        } else {
            load(ctx.getCurrentKey());
            apply(watermark, List.of(event), out);
            finish(watermark, ctx.timerService(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        load(ctx.getCurrentKey());
        for (Map.Entry<Long, List<PhoneTrackEvent>> instant : buffer.takeUntil(phone, watermark, ctx.timerService()).entrySet()) {
            apply(instant.getKey(), instant.getValue(), out);
        }
        finish(watermark, ctx.timerService(), out);
    }

    private void load(String key) throws Exception {
        phone = key;
        open = openStay.value();
        windows = caseWindows.value();
    }

    /** Applies the events of one instant, after ending a stay that fell silent before it. */
    private void apply(long instant, List<PhoneTrackEvent> events, Collector<CellEvent> out) throws Exception {
        endIfSilent(instant - 1, out);
        List<PhoneTrackEvent> ordered = new ArrayList<>(events);
        ordered.sort(PhoneTrackEvent.ORDER);
        for (PhoneTrackEvent e : ordered) {
            if (e.kind == PhoneTrackEvent.Kind.PING) {
                Stays.Step step = Stays.next(open, e.ping, settings.maxGapMs());
                open = step.open();
                end(step.ended(), out);
            } else {
                startCase(e.window, out);
            }
        }
    }

    private void finish(long watermark, TimerService timers, Collector<CellEvent> out) throws Exception {
        endIfSilent(watermark, out);
        if (open != null) {
            long silentAt = open.last + settings.maxGapMs();
            if (open.silenceCheckAt <= watermark || open.silenceCheckAt > silentAt) {
                open.silenceCheckAt = silentAt;
                // the stay ends by silence if no ping comes within max-gap; a check that finds it still going
                // sets the next (one timer per max-gap, not one per ping)
                timers.registerEventTimeTimer(silentAt);
            }
        }
        openStay.update(open);
        if (sweeps.due(watermark, timers)) {
            sweep(watermark, timers);
        }
    }

    private void endIfSilent(long now, Collector<CellEvent> out) throws Exception {
        Stays.Ended silent = Stays.expired(open, now, settings.maxGapMs());
        if (silent != null) {
            end(silent, out);
            open = null;
        }
    }

    private void end(Stays.Ended ended, Collector<CellEvent> out) throws Exception {
        if (ended == null || ended.to() <= ended.from()) {
            return;
        }
        Stay stay = new Stay(phone, ended.cell(), ended.from(), ended.to(), dwell.record(ended), ended.fixes());
        recentStays.put(stay.from, stay);
        out.collect(CellEvent.stay(stay));
        if (windows != null) {
            for (CaseWindow window : windows) {
                if (window.overlaps(stay.from, stay.to)) {
                    out.collect(CellEvent.caseStay(new CaseStay(window, stay)));
                }
            }
        }
    }

    private void startCase(CaseWindow window, Collector<CellEvent> out) throws Exception {
        windows = windows == null ? new ArrayList<>() : windows;
        if (windows.stream().anyMatch(w -> w.caseId.equals(window.caseId))) {
            return;
        }
        windows.add(window);
        caseWindows.update(windows);
        for (Stay stay : recentStays.values()) {
            if (window.overlaps(stay.from, stay.to) && stay.to >= window.reportedAt - settings.retentionMs()) {
                out.collect(CellEvent.caseStay(new CaseStay(window, stay)));
            }
        }
    }

    private void sweep(long now, TimerService timers) throws Exception {
        long since = open == null ? now : Math.min(now, open.from);
        StateSweeps.removeIf(recentStays, e -> e.getValue().to < now - settings.retentionMs());
        dwell.forgetBefore(since);
        if (windows != null) {
            // a window is kept while a stay may still end in it, and its case id for the retention, so a
            // repeated case record is still recognised
            windows.removeIf(w -> w.to < since && w.reportedAt < now - settings.retentionMs());
            if (windows.isEmpty()) {
                windows = null;
                caseWindows.clear();
            } else {
                caseWindows.update(windows);
            }
        }
        sweeps.after(now, open != null || !recentStays.isEmpty() || !dwell.isEmpty() || windows != null
                || !buffer.isEmpty(phone), timers);
    }

    /** Keys with events waiting for the watermark (for tests: the buffer empties as its keys' state does). */
    int keysWaiting() {
        return buffer.keysWaiting();
    }
}
