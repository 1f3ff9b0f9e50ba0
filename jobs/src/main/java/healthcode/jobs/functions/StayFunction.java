package healthcode.jobs.functions;

import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.Dwell;
import healthcode.common.companions.OpenStay;
import healthcode.common.companions.PhoneTrackEvent;
import healthcode.common.companions.Stay;
import healthcode.common.companions.Stays;
import healthcode.common.domain.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by phone: turns its pings, in event-time order, into stays, works out each stay's dwell
 * condition, and sends every stay to its cell. The stays of a case's phone that overlap the case's
 * window go to the cell as case stays: at once for the stored history, later for stays still to end.
 */
public class StayFunction extends KeyedProcessFunction<String, PhoneTrackEvent, CellEvent> {
    private static final long SWEEP_INTERVAL = 24 * 3600_000L;

    private final CompanionSettings settings;
    private transient PendingRecords<PhoneTrackEvent> pending;
    private transient ValueState<OpenStay> openStay;
    private transient MapState<Long, Stay> recentStays;
    private transient MapState<Long, long[]> dwellByCell;
    private transient MapState<String, CaseWindow> caseWindows;
    private transient ValueState<Long> sweepAt;
    /** Key of the element or timer being handled. */
    private transient String phone;

    public StayFunction(CompanionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        pending = new PendingRecords<>(ctx, "pending-track-events", TypeInformation.of(PhoneTrackEvent.class));
        openStay = ctx.getState(new ValueStateDescriptor<>("open-stay", OpenStay.class));
        recentStays = ctx.getMapState(new MapStateDescriptor<>("recent-stays", Types.LONG, TypeInformation.of(Stay.class)));
        dwellByCell = ctx.getMapState(new MapStateDescriptor<>("dwell-by-cell", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        caseWindows = ctx.getMapState(new MapStateDescriptor<>("case-windows", Types.STRING,
                TypeInformation.of(CaseWindow.class)));
        sweepAt = ctx.getState(new ValueStateDescriptor<>("sweep-at", Types.LONG));
    }

    @Override
    public void processElement(PhoneTrackEvent event, Context ctx, Collector<CellEvent> out) throws Exception {
        phone = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime > watermark) {
            pending.add(event.eventTime, event);
            // apply the event once every event before it has arrived
            ctx.timerService().registerEventTimeTimer(event.eventTime);
        } else if (event.kind == PhoneTrackEvent.Kind.PING) {
            ctx.output(Rejections.REJECTED, Rejections.latePing(event.ping, watermark));
        } else {
            apply(List.of(event), watermark, ctx.timerService(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellEvent> out) throws Exception {
        phone = ctx.getCurrentKey();
        apply(pending.take(timestamp), timestamp, ctx.timerService(), out);
        Long sweep = sweepAt.value();
        if (sweep != null && sweep == timestamp) {
            sweep(timestamp, ctx.timerService());
        }
    }

    private void apply(List<PhoneTrackEvent> events, long now, org.apache.flink.streaming.api.TimerService timers,
                       Collector<CellEvent> out) throws Exception {
        List<PhoneTrackEvent> ordered = new ArrayList<>(events);
        ordered.sort(PhoneTrackEvent.ORDER);
        OpenStay open = openStay.value();
        for (PhoneTrackEvent e : ordered) {
            if (e.kind == PhoneTrackEvent.Kind.PING) {
                Stays.Step step = Stays.next(open, e.ping, settings.maxGapMs());
                open = step.open();
                end(step.ended(), out);
            } else {
                startCase(e.window, out);
            }
        }
        Stays.Ended silent = Stays.expired(open, now, settings.maxGapMs());
        if (silent != null) {
            end(silent, out);
            open = null;
        }
        openStay.update(open);
        if (open != null) {
            // the stay ends by silence if no ping comes within max-gap
            timers.registerEventTimeTimer(open.last + settings.maxGapMs());
        }
        if (sweepAt.value() == null) {
            sweepAt.update(now + SWEEP_INTERVAL);
            // forget what no later case or stay can need
            timers.registerEventTimeTimer(now + SWEEP_INTERVAL);
        }
    }

    private void end(Stays.Ended ended, Collector<CellEvent> out) throws Exception {
        if (ended == null || ended.to() <= ended.from()) {
            return;
        }
        long[] earlier = dwellByCell.get(ended.cell());
        earlier = Intervals.endingAfter(earlier, ended.from() - settings.dwellLookback().toMillis());
        long exceededFrom = Dwell.exceededFrom(earlier, ended.from(), ended.to(), settings.dwellLookback().toMillis(),
                settings.minCumulativeDwell().toMillis());
        dwellByCell.put(ended.cell(), Intervals.append(earlier, ended.from(), ended.to()));
        Stay stay = new Stay(phone, ended.cell(), ended.from(), ended.to(), exceededFrom, ended.fixes());
        recentStays.put(stay.from, stay);
        out.collect(CellEvent.stay(stay));
        for (CaseWindow window : caseWindows.values()) {
            if (window.overlaps(stay.from, stay.to)) {
                out.collect(CellEvent.caseStay(new CaseStay(window, stay)));
            }
        }
    }

    private void startCase(CaseWindow window, Collector<CellEvent> out) throws Exception {
        if (caseWindows.contains(window.caseId)) {
            return;
        }
        caseWindows.put(window.caseId, window);
        for (Stay stay : recentStays.values()) {
            if (window.overlaps(stay.from, stay.to) && stay.to >= window.reportedAt - settings.retentionMs()) {
                out.collect(CellEvent.caseStay(new CaseStay(window, stay)));
            }
        }
    }

    private void sweep(long now, org.apache.flink.streaming.api.TimerService timers) throws Exception {
        OpenStay open = openStay.value();
        long openFrom = open == null ? now : Math.min(now, open.from);
        MapStates.removeIf(recentStays, e -> e.getValue().to < now - settings.retentionMs());
        List<Long> cells = new ArrayList<>();
        dwellByCell.keys().forEach(cells::add);
        for (Long cell : cells) {
            long[] kept = Intervals.endingAfter(dwellByCell.get(cell), openFrom - settings.dwellLookback().toMillis());
            if (kept.length == 0) {
                dwellByCell.remove(cell);
            } else {
                dwellByCell.put(cell, kept);
            }
        }
        MapStates.removeIf(caseWindows, e -> e.getValue().to < openFrom);
        if (open == null && recentStays.isEmpty() && dwellByCell.isEmpty() && caseWindows.isEmpty()
                && pending.isEmpty()) {
            sweepAt.clear();
        } else {
            sweepAt.update(now + SWEEP_INTERVAL);
            timers.registerEventTimeTimer(now + SWEEP_INTERVAL);
        }
    }

    /** Intervals as flat {from, to} pairs. */
    static final class Intervals {
        private Intervals() {}

        static long[] endingAfter(long[] intervals, long limit) {
            if (intervals == null) {
                return new long[0];
            }
            long[] kept = new long[intervals.length];
            int n = 0;
            for (int i = 0; i + 1 < intervals.length; i += 2) {
                if (intervals[i + 1] > limit) {
                    kept[n++] = intervals[i];
                    kept[n++] = intervals[i + 1];
                }
            }
            return Arrays.copyOf(kept, n);
        }

        static long[] append(long[] intervals, long from, long to) {
            long[] grown = Arrays.copyOf(intervals, intervals.length + 2);
            grown[intervals.length] = from;
            grown[intervals.length + 1] = to;
            return grown;
        }
    }
}
