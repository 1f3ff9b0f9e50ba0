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
import healthcode.jobs.functions.AreaStayFunction;
import healthcode.jobs.functions.CellIndexFunction;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.functions.StayFunction;
import healthcode.jobs.Streams;
import healthcode.jobs.healthcode.HealthCodeInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
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

    /** Empty when there are no pings: without them there is nothing to detect. */
    public static Optional<Result> defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs,
                                                  CompanionSettings settings, TowerTable towers) {
        Optional<DataStream<String>> rawPings = inputs.stream(env, InputStreamKind.PINGS);
        if (rawPings.isEmpty()) {
            return Optional.empty();
        }
        List<DataStream<Rejection>> rejected = new ArrayList<>();
        if (!towers.rejections().isEmpty()) {
            rejected.add(env.fromData(towers.rejections(), TypeInformation.of(Rejection.class)).name("tower-table-rejections"));
        }
        SingleOutputStreamOperator<LocatedPing> pings = rawPings.get()
                .process(new DecodeFunction<>(new LocatedPings(new PingLocator(towers, settings.h3Resolution())),
                        p -> p), TypeInformation.of(LocatedPing.class))
                .uid("decode-" + InputStreamKind.PINGS.topic()).name("decode-" + InputStreamKind.PINGS.topic());
        rejected.add(pings.getSideOutput(DecodeFunction.REJECTED));

        List<DataStream<PhoneTrackEvent>> trackEvents = new ArrayList<>();
        trackEvents.add(pings.map(PhoneTrackEvent::of, TypeInformation.of(PhoneTrackEvent.class)).name("pings-to-phones"));
        inputs.stream(env, InputStreamKind.CASES).ifPresent(raw -> trackEvents.add(raw
                // the health-code job reports rejected cases; this copy only needs the valid ones
                .process(new DecodeFunction<CaseReport, CaseReport>(new InputDecoders.Cases(), c -> c),
                        TypeInformation.of(CaseReport.class))
                .uid("decode-cases-for-companions").name("decode-cases-for-companions")
                .flatMap(new CatalogRouting.CaseWindows(settings), TypeInformation.of(CaseWindow.class))
                .name("case-windows")
                .map(PhoneTrackEvent::of, TypeInformation.of(PhoneTrackEvent.class)).name("cases-to-phones")));

        SingleOutputStreamOperator<CellEvent> stays = Streams.union(trackEvents)
                .keyBy(e -> e.msisdn, Types.STRING)
                .process(new StayFunction(settings), TypeInformation.of(CellEvent.class))
                .uid("stays").name("stays");
        rejected.add(stays.getSideOutput(DecodeFunction.REJECTED));

        List<DataStream<CellEvent>> cellEvents = new ArrayList<>();
        cellEvents.add(stays);
        inputs.stream(env, InputStreamKind.VENUES).ifPresent(raw -> {
            SingleOutputStreamOperator<VenueShape> venues = raw
                    .process(new DecodeFunction<>(new InputDecoders.Venues(settings.maxPolygonKm2()), VenueShape::of),
                            TypeInformation.of(VenueShape.class))
                    .uid("decode-" + InputStreamKind.VENUES.topic()).name("decode-" + InputStreamKind.VENUES.topic());
            rejected.add(venues.getSideOutput(DecodeFunction.REJECTED));
            cellEvents.add(venues.flatMap(new CatalogRouting.VenueCells(settings.h3Resolution()),
                    TypeInformation.of(CellEvent.class)).name("venue-cells"));
        });
        Optional<SingleOutputStreamOperator<AreaDefinition>> areas = inputs.stream(env, InputStreamKind.RISK_AREAS)
                .map(raw -> raw.process(new DecodeFunction<>(new InputDecoders.RiskAreas(settings.maxPolygonKm2()), AreaDefinition::of),
                                TypeInformation.of(AreaDefinition.class))
                        .uid("decode-" + InputStreamKind.RISK_AREAS.topic())
                        .name("decode-" + InputStreamKind.RISK_AREAS.topic()));
        areas.ifPresent(a -> {
            rejected.add(a.getSideOutput(DecodeFunction.REJECTED));
            cellEvents.add(a.flatMap(new CatalogRouting.AreaCells(settings.h3Resolution()),
                    TypeInformation.of(CellEvent.class)).name("area-cells"));
        });

        SingleOutputStreamOperator<PhoneEvent> companions = Streams.union(cellEvents)
                .keyBy(e -> e.cell, Types.LONG)
                .process(new CellIndexFunction(settings), TypeInformation.of(PhoneEvent.class))
                .uid("cell-index").name("cell-index");
        List<DataStream<PhoneEvent>> detections = new ArrayList<>();
        detections.add(companions);
        areas.ifPresent(a -> {
            BroadcastStream<AreaDefinition> broadcast = a.broadcast(AreaStayFunction.AREAS);
            DataStream<AreaTrackEvent> areaTrack = pings
                    .map(AreaTrackEvent::of, TypeInformation.of(AreaTrackEvent.class)).name("pings-to-area-tracks")
                    .union(companions.getSideOutput(CellIndexFunction.LOOK_BACK));
            detections.add(areaTrack.keyBy(e -> e.msisdn, Types.STRING)
                    .connect(broadcast)
                    .process(new AreaStayFunction(settings), TypeInformation.of(PhoneEvent.class))
                    .uid("area-stays").name("area-stays"));
        });
        return Optional.of(new Result(Streams.union(detections), rejected));
    }
}
