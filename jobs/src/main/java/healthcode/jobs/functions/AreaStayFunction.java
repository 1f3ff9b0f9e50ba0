package healthcode.jobs.functions;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaProgress;
import healthcode.common.companions.AreaStays;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.Fixes;
import healthcode.common.companions.LocatedPing;
import healthcode.common.domain.AreaExposure;
import healthcode.common.engine.PhoneEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by phone, with every risk area broadcast: follows the phone's pings through the areas it
 * enters (a hash lookup on the ping's cell, then an exact polygon test) and reports area stays long
 * enough to be exposures. Its pings are kept for the retention, so an area designated after the
 * fact is matched by looking back through them, from its first inside ping or when a cell asks.
 */
public class AreaStayFunction extends KeyedBroadcastProcessFunction<String, AreaTrackEvent, AreaDefinition, PhoneEvent> {
    public static final MapStateDescriptor<String, AreaDefinition> AREAS = new MapStateDescriptor<>("risk-areas",
            Types.STRING, TypeInformation.of(AreaDefinition.class));
    private static final long DAY = 24 * 3600_000L;

    private final CompanionSettings settings;
    private transient PendingRecords<AreaTrackEvent> pending;
    private transient MapState<Long, Fixes> pingsByDay;
    private transient MapState<String, AreaProgress> progress;
    private transient ValueState<Long> sweepAt;
    /** Key of the element or timer being handled. */
    private transient String phone;
    private transient RiskAreaIndex index;

    public AreaStayFunction(CompanionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        pending = new PendingRecords<>(ctx, "pending-area-events", TypeInformation.of(AreaTrackEvent.class));
        pingsByDay = ctx.getMapState(new MapStateDescriptor<>("pings-by-day", Types.LONG, TypeInformation.of(Fixes.class)));
        progress = ctx.getMapState(new MapStateDescriptor<>("area-progress", Types.STRING,
                TypeInformation.of(AreaProgress.class)));
        sweepAt = ctx.getState(new ValueStateDescriptor<>("sweep-at", Types.LONG));
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
        phone = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime > watermark) {
            pending.add(event.eventTime, event);
            // apply the event once every event before it has arrived
            ctx.timerService().registerEventTimeTimer(event.eventTime);
        } else if (event.kind == AreaTrackEvent.Kind.LOOK_BACK) {
            apply(List.of(event), watermark, ctx, out);
        } // a late ping is reported as rejected by the stay builder
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PhoneEvent> out) throws Exception {
        phone = ctx.getCurrentKey();
        apply(pending.take(timestamp), timestamp, ctx, out);
        Long sweep = sweepAt.value();
        if (sweep != null && sweep == timestamp) {
            sweep(timestamp, ctx.timerService());
        }
    }

    private void apply(List<AreaTrackEvent> events, long now, ReadOnlyContext ctx, Collector<PhoneEvent> out)
            throws Exception {
        RiskAreaIndex areas = index(ctx);
        List<AreaTrackEvent> ordered = new ArrayList<>(events);
        ordered.sort(AreaTrackEvent.ORDER);
        List<LocatedPing> pings = new ArrayList<>();
        TreeSet<String> lookBacks = new TreeSet<>();
        for (AreaTrackEvent e : ordered) {
            if (e.kind == AreaTrackEvent.Kind.PING) {
                pings.add(e.ping);
                remember(e.ping);
            } else {
                lookBacks.add(e.areaId);
            }
        }
        TreeSet<String> entered = new TreeSet<>();
        pings.forEach(p -> entered.addAll(areas.designatedAround(p, now)));
        entered.addAll(openAreas());
        for (String areaId : entered) {
            AreaDefinition area = areas.definition(areaId);
            AreaProgress p = progress.get(areaId);
            if (p == null) {
                p = lookBack(area, now, out);
            } else {
                for (LocatedPing ping : pings) {
                    report(area, AreaStays.next(p, ping.ts, areas.holds(areaId, ping), settings.maxGapMs()), p, out);
                }
            }
            progress.put(areaId, p);
        }
        for (String areaId : lookBacks) {
            AreaDefinition area = areas.definition(areaId);
            if (area != null && !progress.contains(areaId)) {
                progress.put(areaId, lookBack(area, now, out));
            }
        }
        for (String areaId : openAreas()) {
            AreaProgress p = progress.get(areaId);
            report(areas.definition(areaId), AreaStays.expired(p, now, settings.maxGapMs()), p, out);
            progress.put(areaId, p);
            if (p.open) {
                // the area stay ends by silence if no ping comes within max-gap
                ctx.timerService().registerEventTimeTimer(p.runLast + settings.maxGapMs());
            }
        }
        if (sweepAt.value() == null && !events.isEmpty()) {
            sweepAt.update(now + DAY);
            // forget pings and area progress past the retention
            ctx.timerService().registerEventTimeTimer(now + DAY);
        }
    }

    private List<String> openAreas() throws Exception {
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, AreaProgress> e : progress.entries()) {
            if (e.getValue().open) {
                open.add(e.getKey());
            }
        }
        return open;
    }

    /** Replays the phone's kept pings since the retention before the designation, up to now. */
    private AreaProgress lookBack(AreaDefinition area, long now, Collector<PhoneEvent> out) throws Exception {
        AreaProgress p = new AreaProgress();
        long since = area.at - settings.retentionMs();
        TreeMap<Long, Fixes> days = new TreeMap<>();
        for (Map.Entry<Long, Fixes> e : pingsByDay.entries()) {
            if (e.getKey() + DAY > since) {
                days.put(e.getKey(), e.getValue());
            }
        }
        for (Fixes fixes : days.values()) {
            for (int i = 0; i < fixes.size(); i++) {
                if (fixes.times[i] >= since && fixes.times[i] <= now) {
                    boolean inside = index.holds(area.areaId, fixes.lats[i], fixes.lons[i]);
                    report(area, AreaStays.next(p, fixes.times[i], inside, settings.maxGapMs()), p, out);
                }
            }
        }
        p.touchedAt = Math.max(p.touchedAt, now);
        return p;
    }

    private void report(AreaDefinition area, AreaStays.Ended ended, AreaProgress p, Collector<PhoneEvent> out) {
        AreaExposure exposure = AreaStays.exposure(area, phone, ended, p, settings);
        if (exposure != null) {
            out.collect(PhoneEvent.of(exposure));
        }
    }

    private void remember(LocatedPing ping) throws Exception {
        long day = Math.floorDiv(ping.ts, DAY) * DAY;
        Fixes fixes = pingsByDay.get(day);
        fixes = fixes == null ? new Fixes() : fixes;
        fixes.add(ping.ts, ping.lat, ping.lon);
        pingsByDay.put(day, fixes);
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

    private void sweep(long now, TimerService timers) throws Exception {
        long retention = settings.retentionMs();
        MapStates.removeIf(pingsByDay, e -> e.getKey() + DAY < now - retention);
        MapStates.removeIf(progress, e -> !e.getValue().open && e.getValue().touchedAt < now - retention);
        if (pingsByDay.isEmpty() && progress.isEmpty() && pending.isEmpty()) {
            sweepAt.clear();
        } else {
            sweepAt.update(now + DAY);
            timers.registerEventTimeTimer(now + DAY);
        }
    }
}
