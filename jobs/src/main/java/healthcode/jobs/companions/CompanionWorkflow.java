package healthcode.jobs.companions;

import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.InputStreamKind;
import healthcode.common.codec.LocatedPings;
import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.PhoneTrackEvent;
import healthcode.common.companions.PingLocator;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.CaseReport;
import healthcode.common.domain.Rejection;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.geo.TowerTable;
import healthcode.jobs.Streams;
import healthcode.jobs.functions.AreaStayFunction;
import healthcode.jobs.functions.BroadcastWatermarkWakeOperator;
import healthcode.jobs.functions.CellIndexFunction;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.functions.StayFunction;
import healthcode.jobs.functions.WatermarkWakeOperator;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.serde.CellCodecs;
import healthcode.jobs.serde.TrackCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The companion job (companions.md): pings become stays per phone; stays meet the stays of case
 * phones in each grid cell, giving companion detections; pings are followed through risk areas,
 * giving area exposures. Both leave as events about phones, for the health-code job to bind to persons.
 */
public final class CompanionWorkflow {
    /** What the companion job produces: detections about phones, and the input it refused. */
    public record Result(DataStream<PhoneEvent> detections, List<DataStream<Rejection>> rejected) {}

    private CompanionWorkflow() {}

    /**
     * @return the detections (null without pings: then there is nothing to detect) and the rejected
     *     pings, venues, risk areas and tower rows
     */
    public static Result defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs,
                                        CompanionSettings settings, TowerTable towers) {
        List<DataStream<Rejection>> rejected = new ArrayList<>();
        if (!towers.rejections().isEmpty()) {
            rejected.add(env.fromData(towers.rejections(), TypeInformation.of(Rejection.class))
                    .name("tower-table-rejections"));
        }
        Optional<DataStream<VenueShape>> venues = inputs.stream(env, InputStreamKind.VENUES).map(raw -> decode(raw,
                new DecodeFunction<>(new InputDecoders.Venues(settings.maxPolygonKm2()), VenueShape::of),
                TypeInformation.of(VenueShape.class), InputStreamKind.VENUES, rejected));
        Optional<DataStream<AreaDefinition>> areas = inputs.stream(env, InputStreamKind.RISK_AREAS).map(raw -> decode(raw,
                new DecodeFunction<>(new InputDecoders.RiskAreas(settings.maxPolygonKm2()), AreaDefinition::of),
                TypeInformation.of(AreaDefinition.class), InputStreamKind.RISK_AREAS, rejected));
        Optional<DataStream<String>> rawPings = inputs.stream(env, InputStreamKind.PINGS);
        if (rawPings.isEmpty()) {
            return new Result(null, rejected);
        }
        DataStream<LocatedPing> pings = decode(rawPings.get(),
                new DecodeFunction<>(new LocatedPings(new PingLocator(towers, settings.h3Resolution())), p -> p),
                TrackCodecs.LOCATED_PING, InputStreamKind.PINGS, rejected);

        List<DataStream<CellEvent>> cellEvents = new ArrayList<>();
        cellEvents.add(stays(env, inputs, pings, settings, rejected));
        venues.ifPresent(v -> cellEvents.add(v.flatMap(new CatalogRouting.VenueCells(settings.h3Resolution()),
                CellCodecs.CELL_EVENT).name("venue-cells")));
        areas.ifPresent(a -> cellEvents.add(a.flatMap(new CatalogRouting.AreaCells(settings.h3Resolution()),
                CellCodecs.CELL_EVENT).name("area-cells")));
        SingleOutputStreamOperator<PhoneEvent> companions = Streams.union(cellEvents)
                .keyBy(e -> e.cell, Types.LONG)
                .transform("cell-index", TypeInformation.of(PhoneEvent.class), WatermarkWakeOperator.of(new CellIndexFunction(settings)))
                .uid("cell-index").name("cell-index");

        List<DataStream<PhoneEvent>> detections = new ArrayList<>();
        detections.add(companions);
        areas.ifPresent(a -> {
            SingleOutputStreamOperator<PhoneEvent> exposures = pings
                    .map(AreaTrackEvent::of, TrackCodecs.AREA_TRACK_EVENT).name("pings-to-area-tracks")
                    .union(companions.getSideOutput(CellIndexFunction.LOOK_BACK))
                    .keyBy(e -> e.msisdn, Types.STRING)
                    // as BroadcastConnectedStream.process translates it, with an operator that wakes phones itself
                    .connect(a.broadcast())
                    .transform("area-stays", TypeInformation.of(PhoneEvent.class),
                            BroadcastWatermarkWakeOperator.of(new AreaStayFunction(settings), AreaStayFunction.AREAS))
                    .uid("area-stays").name("area-stays");
            detections.add(exposures);
            rejected.add(exposures.getSideOutput(DecodeFunction.REJECTED));
        });
        return new Result(Streams.union(detections), rejected);
    }

    /** Each phone's stays, with the case windows of the phones of cases; late pings are rejected. */
    private static DataStream<CellEvent> stays(StreamExecutionEnvironment env, HealthCodeInputs inputs,
                                               DataStream<LocatedPing> pings, CompanionSettings settings,
                                               List<DataStream<Rejection>> rejected) {
        List<DataStream<PhoneTrackEvent>> trackEvents = new ArrayList<>();
        trackEvents.add(pings.map(PhoneTrackEvent::of, TrackCodecs.PHONE_TRACK_EVENT).name("pings-to-phones"));
        inputs.stream(env, InputStreamKind.CASES).ifPresent(raw -> trackEvents.add(raw
                // the health-code job reports rejected cases; this copy only needs the valid ones
                .process(new DecodeFunction<CaseReport, CaseReport>(new InputDecoders.Cases(), c -> c),
                        TypeInformation.of(CaseReport.class))
                .uid("decode-cases-for-companions").name("decode-cases-for-companions")
                .flatMap(new CatalogRouting.CaseWindows(settings), TypeInformation.of(CaseWindow.class))
                .name("case-windows")
                .map(PhoneTrackEvent::of, TrackCodecs.PHONE_TRACK_EVENT).name("cases-to-phones")));
        SingleOutputStreamOperator<CellEvent> stays = Streams.union(trackEvents)
                .keyBy(e -> e.msisdn, Types.STRING)
                .transform("stays", CellCodecs.CELL_EVENT, WatermarkWakeOperator.of(new StayFunction(settings)))
                .uid("stays").name("stays");
        rejected.add(stays.getSideOutput(DecodeFunction.REJECTED));
        return stays;
    }

    private static <T> DataStream<T> decode(DataStream<String> raw, DecodeFunction<?, T> decoder,
                                            TypeInformation<T> type, InputStreamKind kind,
                                            List<DataStream<Rejection>> rejected) {
        SingleOutputStreamOperator<T> decoded = raw.process(decoder, type)
                .uid("decode-" + kind.topic()).name("decode-" + kind.topic());
        rejected.add(decoded.getSideOutput(DecodeFunction.REJECTED));
        return decoded;
    }
}
