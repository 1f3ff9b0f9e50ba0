package healthcode.jobs.functions;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.CoPresence;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.Stay;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.engine.PhoneEvent;
import healthcode.jobs.serde.CellCodecs;
import healthcode.jobs.serde.TrackCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by grid cell: joins the stays in the cell with the stays of case phones in it, in either
 * order (retroactive and onward), into companion detections. Stays are stored under time buckets
 * of their start, so a case stay reads only the buckets it can overlap. A risk area over the cell
 * asks each phone that stayed here before its designation to look back through its pings.
 */
public class CellIndexFunction extends KeyedProcessFunction<Long, CellEvent, PhoneEvent>
        implements CheckpointedFunction, WatermarkWakes.Buffered<Long> {
    public static final OutputTag<AreaTrackEvent> LOOK_BACK = new OutputTag<>("area-look-back",
            TrackCodecs.AREA_TRACK_EVENT);
    private static final long SWEEP_INTERVAL = 24 * 3600_000L;

    private final CompanionSettings settings;
    private final Integer eventsOnHeap;
    private transient EventTimeBuffer<Long, CellEvent> buffer;
    private transient BucketedStays stays;
    private transient KeyList<CaseStay> caseStays;
    private transient KeyList<AreaDefinition> areas;
    private transient CellVenues venues;
    private transient SweepSchedule sweeps;

    public CellIndexFunction(CompanionSettings settings) {
        this(settings, null);
    }

    /**
     * @param eventsOnHeap waiting events a subtask keeps on its heap before it writes them to keyed state;
     *     null: the job's {@code heapEventsPerSubtask}
     */
    CellIndexFunction(CompanionSettings settings, Integer eventsOnHeap) {
        this.settings = settings;
        this.eventsOnHeap = eventsOnHeap;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        buffer = new EventTimeBuffer<>(context, getRuntimeContext(), "pending-cell-events", Types.LONG,
                CellCodecs.CELL_EVENT, e -> e.eventTime, eventsOnHeap);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        buffer.snapshot();
    }

    @Override
    public EventTimeBuffer<Long, ?> eventTimeBuffer() {
        return buffer;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        stays = new BucketedStays(ctx, settings);
        caseStays = new KeyList<>(ctx.getState(new ValueStateDescriptor<>("case-stays",
                Types.LIST(TypeInformation.of(CaseStay.class)))));
        areas = new KeyList<>(ctx.getState(new ValueStateDescriptor<>("risk-areas",
                Types.LIST(TypeInformation.of(AreaDefinition.class)))));
        venues = new CellVenues(ctx);
        sweeps = new SweepSchedule(ctx, SWEEP_INTERVAL);
    }

    @Override
    public void processElement(CellEvent event, Context ctx, Collector<PhoneEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime > watermark) {
            buffer.add(ctx.getCurrentKey(), event, ctx.timerService());
            return;
        }
        startKey();
        apply(watermark, List.of(event), ctx, out);
        finish(ctx.getCurrentKey(), watermark, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PhoneEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        startKey();
        for (Map.Entry<Long, List<CellEvent>> instant : buffer.takeUntil(ctx.getCurrentKey(), watermark, ctx.timerService()).entrySet()) {
            apply(instant.getKey(), instant.getValue(), ctx, out);
        }
        finish(ctx.getCurrentKey(), watermark, ctx.timerService());
    }

    private void startKey() {
        venues.startKey();
        stays.startKey();
        caseStays.startKey();
        areas.startKey();
    }

    private void apply(long instant, List<CellEvent> events, Context ctx, Collector<PhoneEvent> out) throws Exception {
        List<CellEvent> ordered = new ArrayList<>(events);
        ordered.sort(CellEvent.ORDER);
        for (CellEvent e : ordered) {
            switch (e.kind) {
                case VENUE -> venues.register(e.venue);
                case AREA -> designate(e.area, instant, ctx);
                case STAY -> addStay(e.stay, instant, ctx, out);
                case CASE_STAY -> addCaseStay(e.caseStay, out);
            }
        }
    }

    private void addStay(Stay stay, long instant, Context ctx, Collector<PhoneEvent> out) throws Exception {
        stays.add(stay);
        for (CaseStay caseStay : caseStays.get()) {
            emit(caseStay, stay, out);
        }
        for (AreaDefinition area : areas.get()) {
            if (stay.from < area.at && needsLookBack(area, stay)) {
                ctx.output(LOOK_BACK, AreaTrackEvent.lookBack(stay.msisdn, area.areaId, instant));
            }
        }
    }

    private void addCaseStay(CaseStay caseStay, Collector<PhoneEvent> out) throws Exception {
        List<CaseStay> known = new ArrayList<>(caseStays.get());
        known.add(caseStay);
        caseStays.update(known);
        long from = Math.max(caseStay.stay.from, caseStay.window.from);
        long to = Math.min(caseStay.stay.to, caseStay.window.to);
        for (Stay stay : stays.near(from, to)) {
            emit(caseStay, stay, out);
        }
    }

    private void designate(AreaDefinition area, long instant, Context ctx) throws Exception {
        List<AreaDefinition> known = new ArrayList<>(areas.get());
        if (known.stream().anyMatch(a -> a.areaId.equals(area.areaId) && a.at > area.at)) {
            return;
        }
        known.removeIf(a -> a.areaId.equals(area.areaId));
        known.add(area);
        areas.update(known);
        TreeSet<String> phones = new TreeSet<>();
        for (Stay stay : stays.all()) {
            if (needsLookBack(area, stay)) {
                phones.add(stay.msisdn);
            }
        }
        phones.forEach(phone -> ctx.output(LOOK_BACK, AreaTrackEvent.lookBack(phone, area.areaId, instant)));
    }

    /** A stay within the area's active interval and within the retention of its designation. */
    private boolean needsLookBack(AreaDefinition area, Stay stay) {
        return area.activeDuring(stay.from, stay.to) && stay.to >= area.at - settings.retentionMs()
                && stay.to <= area.at + settings.retentionMs();
    }

    private void emit(CaseStay caseStay, Stay stay, Collector<PhoneEvent> out) throws Exception {
        CompanionDetection detection = CoPresence.detect(caseStay, stay, venues.prepared(), settings);
        if (detection != null) {
            out.collect(PhoneEvent.of(detection));
        }
    }

    private void finish(Long cell, long watermark, TimerService timers) throws Exception {
        if (sweeps.due(watermark, timers)) {
            long oldest = watermark - settings.retentionMs();
            stays.forgetEndedBefore(oldest);
            caseStays.keepIf(c -> c.knownAt() >= oldest);
            areas.keepIf(a -> a.at >= oldest);
            sweeps.after(watermark, !stays.isEmpty() || !caseStays.isEmpty() || !areas.isEmpty()
                    || !buffer.isEmpty(cell), timers);
        }
    }

    /** Keys with events waiting for the watermark (for tests: the buffer empties as its keys' state does). */
    int keysWaiting() {
        return buffer.keysWaiting();
    }
}
