package healthcode.jobs.functions;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaProgress;
import healthcode.common.companions.AreaStays;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.LocatedPing;
import healthcode.common.domain.AreaExposure;
import healthcode.common.engine.PhoneEvent;
import healthcode.jobs.serde.TrackCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by phone, with every risk area broadcast: follows the phone's pings through the areas it
 * enters (a hash lookup on the ping's cell, then an exact polygon test) and reports area stays long
 * enough to be exposures. Its pings are kept for the retention, so an area designated after the
 * fact is matched by looking back through them, from its first inside ping or when a cell asks.
 */
public class AreaStayFunction extends KeyedBroadcastProcessFunction<String, AreaTrackEvent, AreaDefinition, PhoneEvent>
        implements CheckpointedFunction, WatermarkWakes.Buffered<String> {
    public static final MapStateDescriptor<String, AreaDefinition> AREAS = new MapStateDescriptor<>("risk-areas",
            Types.STRING, TypeInformation.of(AreaDefinition.class));
    private static final long DAY = 24 * 3600_000L;

    private final CompanionSettings settings;
    private final Integer eventsOnHeap;
    private transient EventTimeBuffer<String, AreaTrackEvent> buffer;
    private transient PingTrack track;
    private transient AreaVisits visits;
    private transient SweepSchedule sweeps;
    private transient RiskAreaIndex index;
    /** Key of the element or timer being handled. */
    private transient String phone;

    public AreaStayFunction(CompanionSettings settings) {
        this(settings, null);
    }

    /**
     * @param eventsOnHeap waiting events a subtask keeps on its heap before it writes them to keyed state;
     *     null: the job's {@code heapEventsPerSubtask}
     */
    AreaStayFunction(CompanionSettings settings, Integer eventsOnHeap) {
        this.settings = settings;
        this.eventsOnHeap = eventsOnHeap;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        buffer = new EventTimeBuffer<>(context, getRuntimeContext(), "pending-area-events", Types.STRING,
                TrackCodecs.AREA_TRACK_EVENT, e -> e.eventTime, eventsOnHeap);
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
        track = new PingTrack(ctx);
        visits = new AreaVisits(ctx);
        sweeps = new SweepSchedule(ctx, DAY);
    }

    @Override
    public void processBroadcastElement(AreaDefinition area, Context ctx, Collector<PhoneEvent> out) throws Exception {
        AreaDefinition known = ctx.getBroadcastState(AREAS).get(area.areaId);
        if (known == null || known.at <= area.at) {
            ctx.getBroadcastState(AREAS).put(area.areaId, area);
            if (index != null) {
                index.put(area);
            }
        }
    }

    @Override
    public void processElement(AreaTrackEvent event, ReadOnlyContext ctx, Collector<PhoneEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        phone = ctx.getCurrentKey();
        if (event.eventTime > watermark) {
            buffer.add(phone, event, ctx.timerService());
        } else if (event.kind == AreaTrackEvent.Kind.LOOK_BACK) {
            visits.load();
            apply(watermark, List.of(event), ctx, out);
            finish(watermark, ctx.timerService(), ctx, out);
        } else {
            // its stays may still be built (the stay builder's watermark can be behind), but not its area stays
            ctx.output(Rejections.REJECTED, Rejections.latePing(event.ping, watermark, " for the risk-area tracker"));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PhoneEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        phone = ctx.getCurrentKey();
        TreeMap<Long, List<AreaTrackEvent>> ready = buffer.takeUntil(phone, watermark, ctx.timerService());
        List<LocatedPing> pings = new ArrayList<>();
        ready.values().forEach(events -> events.stream().filter(e -> e.kind == AreaTrackEvent.Kind.PING)
                .forEach(e -> pings.add(e.ping)));
        track.rememberAll(pings);
        visits.load();
        for (Map.Entry<Long, List<AreaTrackEvent>> instant : ready.entrySet()) {
            endSilentStays(instant.getKey() - 1, index(ctx), out);
            apply(instant.getKey(), instant.getValue(), ctx, out);
        }
        finish(watermark, ctx.timerService(), ctx, out);
    }

    private void apply(long instant, List<AreaTrackEvent> events, ReadOnlyContext ctx, Collector<PhoneEvent> out)
            throws Exception {
        RiskAreaIndex areas = index(ctx);
        List<AreaTrackEvent> ordered = new ArrayList<>(events);
        ordered.sort(AreaTrackEvent.ORDER);
        List<LocatedPing> pings = new ArrayList<>();
        TreeSet<String> lookBacks = new TreeSet<>();
        for (AreaTrackEvent e : ordered) {
            if (e.kind == AreaTrackEvent.Kind.PING) {
                pings.add(e.ping);
            } else {
                lookBacks.add(e.areaId);
            }
        }
        TreeSet<String> entered = visits.inside();
        pings.forEach(p -> entered.addAll(areas.designatedAround(p, instant)));
        for (String areaId : entered) {
            AreaProgress p = visits.get(areaId);
            if (p == null) {
                p = lookBack(areas, areas.definition(areaId), instant, out);
            } else {
                for (LocatedPing ping : pings) {
                    report(areas.definition(areaId),
                            AreaStays.next(p, ping.ts, areas.holds(areaId, ping), settings.maxGapMs()), p, out);
                }
            }
            visits.save(areaId, p);
        }
        for (String areaId : lookBacks) {
            if (areas.definition(areaId) != null && !visits.knows(areaId)) {
                visits.save(areaId, lookBack(areas, areas.definition(areaId), instant, out));
            }
        }
    }

    private void finish(long watermark, TimerService timers, ReadOnlyContext ctx, Collector<PhoneEvent> out)
            throws Exception {
        endSilentStays(watermark, index(ctx), out);
        for (String areaId : visits.inside()) {
            // the area stay ends by silence if no ping comes within max-gap
            timers.registerEventTimeTimer(visits.get(areaId).runLast + settings.maxGapMs());
        }
        if (sweeps.due(watermark, timers)) {
            long oldest = watermark - settings.retentionMs();
            track.forgetBefore(oldest);
            visits.forgetLeftBefore(oldest);
            sweeps.after(watermark, !track.isEmpty() || !visits.isEmpty() || !buffer.isEmpty(phone), timers);
        }
    }

    private void endSilentStays(long now, RiskAreaIndex areas, Collector<PhoneEvent> out) throws Exception {
        for (String areaId : visits.inside()) {
            AreaProgress p = visits.get(areaId);
            AreaStays.Ended silent = AreaStays.expired(p, now, settings.maxGapMs());
            if (silent != null) {
                report(areas.definition(areaId), silent, p, out);
                visits.save(areaId, p);
            }
        }
    }

    /** Replays the phone's kept pings since the retention before the designation, up to now. */
    private AreaProgress lookBack(RiskAreaIndex areas, AreaDefinition area, long now, Collector<PhoneEvent> out)
            throws Exception {
        AreaStays.LookBack replay = AreaStays.lookBack(area, phone, track.between(area.at - settings.retentionMs(), now),
                (lat, lon) -> areas.holds(area.areaId, lat, lon), now, settings);
        replay.exposures().forEach(e -> out.collect(PhoneEvent.of(e)));
        return replay.progress();
    }

    private void report(AreaDefinition area, AreaStays.Ended ended, AreaProgress p, Collector<PhoneEvent> out) {
        AreaExposure exposure = AreaStays.exposure(area, phone, ended, p, settings);
        if (exposure != null) {
            out.collect(PhoneEvent.of(exposure));
        }
    }

    private RiskAreaIndex index(ReadOnlyContext ctx) throws Exception {
        if (index == null) {
            index = new RiskAreaIndex(settings.h3Resolution());
            for (Map.Entry<String, AreaDefinition> e : ctx.getBroadcastState(AREAS).immutableEntries()) {
                index.put(e.getValue());
            }
        }
        return index;
    }

    /** Keys with events waiting for the watermark (for tests: the buffer empties as its keys' state does). */
    int keysWaiting() {
        return buffer.keysWaiting();
    }
}
