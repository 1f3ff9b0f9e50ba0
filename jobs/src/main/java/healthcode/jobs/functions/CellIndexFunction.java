package healthcode.jobs.functions;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.CoPresence;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.ConfinedVenues;
import healthcode.common.companions.Stay;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.engine.PhoneEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by grid cell: joins the stays in the cell with the stays of case phones in it, in either
 * order (retroactive and onward), into companion detections. Stays are stored under time buckets
 * of their start, so a case stay reads only the buckets it can overlap. A risk area over the cell
 * asks each phone that stayed here before its designation to look back through its pings.
 */
public class CellIndexFunction extends KeyedProcessFunction<Long, CellEvent, PhoneEvent> {
    public static final OutputTag<AreaTrackEvent> LOOK_BACK = new OutputTag<>("area-look-back",
            TypeInformation.of(AreaTrackEvent.class));
    private static final long SWEEP_INTERVAL = 24 * 3600_000L;
    private static final int VENUE_CACHE_CELLS = 10_000;

    private final CompanionSettings settings;
    private transient PendingRecords<CellEvent> pending;
    private transient MapState<Long, List<Stay>> staysByBucket;
    private transient ValueState<Long> longestStay;
    private transient MapState<String, CaseStay> caseStays;
    private transient MapState<String, VenueShape> venues;
    private transient MapState<String, AreaDefinition> areas;
    private transient ValueState<Long> sweepAt;
    /** Key of the element or timer being handled. */
    private transient long currentCell;
    private transient Map<Long, ConfinedVenues> venueCache;

    public CellIndexFunction(CompanionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        pending = new PendingRecords<>(ctx, "pending-cell-events", TypeInformation.of(CellEvent.class));
        staysByBucket = ctx.getMapState(new MapStateDescriptor<>("stays-by-bucket", Types.LONG,
                Types.LIST(TypeInformation.of(Stay.class))));
        longestStay = ctx.getState(new ValueStateDescriptor<>("longest-stay", Types.LONG));
        caseStays = ctx.getMapState(new MapStateDescriptor<>("case-stays", Types.STRING, TypeInformation.of(CaseStay.class)));
        venues = ctx.getMapState(new MapStateDescriptor<>("confined-venues", Types.STRING,
                TypeInformation.of(VenueShape.class)));
        areas = ctx.getMapState(new MapStateDescriptor<>("risk-areas", Types.STRING, TypeInformation.of(AreaDefinition.class)));
        sweepAt = ctx.getState(new ValueStateDescriptor<>("sweep-at", Types.LONG));
        venueCache = new HashMap<>();
    }

    @Override
    public void processElement(CellEvent event, Context ctx, Collector<PhoneEvent> out) throws Exception {
        currentCell = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime <= watermark) {
            apply(List.of(event), watermark, ctx, out);
            return;
        }
        pending.add(event.eventTime, event);
        // apply the event once every event before it has arrived
        ctx.timerService().registerEventTimeTimer(event.eventTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PhoneEvent> out) throws Exception {
        currentCell = ctx.getCurrentKey();
        apply(pending.take(timestamp), timestamp, ctx, out);
        Long sweep = sweepAt.value();
        if (sweep != null && sweep == timestamp) {
            sweep(timestamp, ctx.timerService());
        }
    }

    private void apply(List<CellEvent> events, long now, Context ctx, Collector<PhoneEvent> out) throws Exception {
        List<CellEvent> ordered = new ArrayList<>(events);
        ordered.sort(CellEvent.ORDER);
        for (CellEvent e : ordered) {
            switch (e.kind) {
                case VENUE -> {
                    venues.put(e.venue.venueId, e.venue);
                    venueCache.remove(e.cell);
                }
                case AREA -> designate(e.area, now, ctx);
                case STAY -> addStay(e.stay, now, ctx, out);
                case CASE_STAY -> addCaseStay(e.caseStay, out);
            }
        }
        if (sweepAt.value() == null && !events.isEmpty()) {
            sweepAt.update(now + SWEEP_INTERVAL);
            // forget stays, case stays and areas no later event can be compared with
            ctx.timerService().registerEventTimeTimer(now + SWEEP_INTERVAL);
        }
    }

    private void addStay(Stay stay, long now, Context ctx, Collector<PhoneEvent> out) throws Exception {
        long bucket = settings.bucketOf(stay.from);
        List<Stay> stays = staysByBucket.get(bucket);
        stays = stays == null ? new ArrayList<>() : stays;
        stays.add(stay);
        staysByBucket.put(bucket, stays);
        Long longest = longestStay.value();
        if (longest == null || stay.to - stay.from > longest) {
            longestStay.update(stay.to - stay.from);
        }
        for (CaseStay caseStay : caseStays.values()) {
            emit(CoPresence.detect(caseStay, stay, venues(), settings), out);
        }
        for (AreaDefinition area : areas.values()) {
            if (stay.from < area.at && needsLookBack(area, stay)) {
                ctx.output(LOOK_BACK, AreaTrackEvent.lookBack(stay.msisdn, area.areaId, now));
            }
        }
    }

    private void addCaseStay(CaseStay caseStay, Collector<PhoneEvent> out) throws Exception {
        caseStays.put(caseStay.window.caseId + "/" + caseStay.stay.msisdn + "@" + caseStay.stay.from, caseStay);
        Long longest = longestStay.value();
        if (longest == null) {
            return;
        }
        long earliestStart = Math.max(caseStay.stay.from, caseStay.window.from) - longest;
        long latestStart = Math.min(caseStay.stay.to, caseStay.window.to);
        for (long b = settings.bucketOf(earliestStart); b <= latestStart; b += settings.bucketMs()) {
            List<Stay> stays = staysByBucket.get(b);
            if (stays != null) {
                for (Stay stay : stays) {
                    emit(CoPresence.detect(caseStay, stay, venues(), settings), out);
                }
            }
        }
    }

    private void designate(AreaDefinition area, long now, Context ctx) throws Exception {
        AreaDefinition known = areas.get(area.areaId);
        if (known != null && known.at > area.at) {
            return;
        }
        areas.put(area.areaId, area);
        TreeSet<String> phones = new TreeSet<>();
        for (List<Stay> stays : staysByBucket.values()) {
            for (Stay stay : stays) {
                if (needsLookBack(area, stay)) {
                    phones.add(stay.msisdn);
                }
            }
        }
        phones.forEach(phone -> ctx.output(LOOK_BACK, AreaTrackEvent.lookBack(phone, area.areaId, now)));
    }

    /** A stay within the area's active interval that began before the designation, and is not past the retention. */
    private boolean needsLookBack(AreaDefinition area, Stay stay) {
        return area.activeDuring(stay.from, stay.to) && stay.to >= area.at - settings.retentionMs()
                && stay.to <= area.at + settings.retentionMs();
    }

    private void emit(CompanionDetection detection, Collector<PhoneEvent> out) {
        if (detection != null) {
            out.collect(PhoneEvent.of(detection));
        }
    }

    private ConfinedVenues venues() throws Exception {
        long cell = currentCell;
        ConfinedVenues cached = venueCache.get(cell);
        if (cached == null) {
            List<VenueShape> shapes = new ArrayList<>();
            venues.values().forEach(shapes::add);
            cached = new ConfinedVenues(shapes);
            if (venueCache.size() >= VENUE_CACHE_CELLS) {
                venueCache.clear();
            }
            venueCache.put(cell, cached);
        }
        return cached;
    }

    private void sweep(long now, TimerService timers) throws Exception {
        long retention = settings.retentionMs();
        long longest = 0;
        List<Long> buckets = new ArrayList<>();
        staysByBucket.keys().forEach(buckets::add);
        for (Long bucket : buckets) {
            List<Stay> kept = new ArrayList<>(staysByBucket.get(bucket));
            kept.removeIf(stay -> stay.to < now - retention);
            if (kept.isEmpty()) {
                staysByBucket.remove(bucket);
            } else {
                staysByBucket.put(bucket, kept);
                for (Stay stay : kept) {
                    longest = Math.max(longest, stay.to - stay.from);
                }
            }
        }
        if (staysByBucket.isEmpty()) {
            longestStay.clear();
        } else {
            longestStay.update(longest);
        }
        MapStates.removeIf(caseStays, e -> e.getValue().knownAt() < now - retention);
        MapStates.removeIf(areas, e -> e.getValue().at < now - retention);
        if (staysByBucket.isEmpty() && caseStays.isEmpty() && areas.isEmpty() && pending.isEmpty()) {
            sweepAt.clear();
        } else {
            sweepAt.update(now + SWEEP_INTERVAL);
            timers.registerEventTimeTimer(now + SWEEP_INTERVAL);
        }
    }
}
