package healthcode.jobs.functions;

import static healthcode.jobs.functions.TestRecords.at;
import static healthcode.jobs.functions.TestRecords.local;
import static healthcode.jobs.functions.Tracks.ELSEWHERE;
import static healthcode.jobs.functions.Tracks.pings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.LocatedPing;
import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.RiskArea;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.geo.GeoJsonGeometry;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;

/** A phone's pings through risk areas give exposures, onward and by looking back for areas designated later. */
class AreaStayFunctionTest {
    /** A compound about 1 km across, with a hospital cut out of its middle. */
    private static final double[] CENTRE = {22.8100, 108.3900};
    private static final double[] INSIDE = {22.8130, 108.3900};
    private static final double[] IN_THE_HOSPITAL = CENTRE;

    private KeyedBroadcastOperatorTestHarness<String, AreaTrackEvent, AreaDefinition, PhoneEvent> harness;

    private final AreaStayFunction function = new AreaStayFunction(Tracks.SPEC);

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(BroadcastWatermarkWakeOperator.of(function, AreaStayFunction.AREAS),
                e -> e.msisdn, Types.STRING, 1, 1, 0);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static AreaDefinition sealedCompound(String from, String designated) {
        double h = 0.005;
        double hole = 0.001;
        LinearRing shell = ring(CENTRE, h);
        return AreaDefinition.of(new RiskArea("compound-1", AreaLevel.SEALED, at(from), null, at(designated),
                GeoJsonGeometry.WGS84.createPolygon(shell, new LinearRing[] {ring(CENTRE, hole)})));
    }

    private static LinearRing ring(double[] c, double h) {
        return GeoJsonGeometry.WGS84.createLinearRing(new Coordinate[] {new Coordinate(c[1] - h, c[0] - h),
            new Coordinate(c[1] + h, c[0] - h), new Coordinate(c[1] + h, c[0] + h), new Coordinate(c[1] - h, c[0] + h),
            new Coordinate(c[1] - h, c[0] - h)});
    }

    private void send(List<LocatedPing> pings) throws Exception {
        for (LocatedPing p : pings) {
            harness.processElement(AreaTrackEvent.of(p), p.ts);
        }
    }

    private List<String> exposures() {
        return harness.extractOutputValues().stream().map(e -> e.areaExposure.areaId() + " " + e.msisdn + " "
                + local(e.areaExposure.from()) + ".." + local(e.areaExposure.to()) + " detected "
                + local(e.areaExposure.detectedAt())).toList();
    }


    @Test
    void aStayInsideAKnownAreaIsAnExposureWhenItEnds() throws Exception {
        harness.processBroadcastElement(sealedCompound("2022-04-01 00:00", "2022-04-01 00:00"), at("2022-04-01 00:00"));
        send(pings("139", "2022-04-02 08:00", "2022-04-02 09:00", 15, INSIDE));
        send(pings("139", "2022-04-02 09:10", "2022-04-02 09:10", 15, ELSEWHERE));
        send(pings("137", "2022-04-02 08:00", "2022-04-02 10:00", 15, IN_THE_HOSPITAL));
        harness.watermark(at("2022-04-03 00:00"));
        assertEquals(List.of("compound-1 139 2022-04-02 08:00..2022-04-02 09:10 detected 2022-04-02 09:10"), exposures());
    }

    @Test
    void anAreaDesignatedAfterTheFactIsMatchedByLookingBackWhenACellAsks() throws Exception {
        send(pings("139", "2022-04-02 08:00", "2022-04-02 09:00", 15, INSIDE));
        send(pings("139", "2022-04-02 09:10", "2022-04-02 09:10", 15, ELSEWHERE));
        harness.watermark(at("2022-04-02 12:00"));
        harness.processBroadcastElement(sealedCompound("2022-04-01 00:00", "2022-04-03 12:00"), at("2022-04-03 12:00"));
        harness.processElement(AreaTrackEvent.lookBack("139", "compound-1", at("2022-04-03 12:00")), at("2022-04-03 12:00"));
        harness.watermark(at("2022-04-04 00:00"));
        assertEquals(List.of("compound-1 139 2022-04-02 08:00..2022-04-02 09:10 detected 2022-04-03 12:00"), exposures());
    }

    @Test
    void aPhoneStillInsideAtTheDesignationLooksBackAtItsFirstPingInside() throws Exception {
        harness.processBroadcastElement(sealedCompound("2022-04-01 00:00", "2022-04-02 08:30"), at("2022-04-02 08:30"));
        send(pings("139", "2022-04-02 08:00", "2022-04-02 09:00", 15, INSIDE));
        harness.watermark(at("2022-04-03 00:00"));
        assertEquals(List.of("compound-1 139 2022-04-02 08:00..2022-04-02 09:30 detected 2022-04-02 09:30"), exposures());
    }

    @Test
    void pingsAndProgressLeaveStateOnceTrafficStopsForTheRetention() throws Exception {
        harness.processBroadcastElement(sealedCompound("2022-04-01 00:00", "2022-04-01 00:00"), at("2022-04-01 00:00"));
        send(pings("139", "2022-04-02 08:00", "2022-04-02 09:00", 15, INSIDE));
        harness.watermark(at("2022-04-03 00:00"));
        assertEquals(1, KeyedState.keysWith(harness, "pings-by-day"));
        assertEquals(1, KeyedState.keysWith(harness, "area-progress"));
        harness.watermark(at("2022-04-03 00:00") + 16 * 24 * 3600_000L);
        for (String state : List.of("pending-area-events", "pings-by-day", "area-progress", "sweep-at")) {
            assertEquals(0, KeyedState.keysWith(harness, state), state);
        }
        assertEquals(0, function.keysWaiting());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    @Timeout(60)
    void theEndOfTheInputEndsTheOpenAreaStay_andLeavesNoTimer_itsStateGoesWithTheJob() throws Exception {
        harness.processBroadcastElement(sealedCompound("2022-04-01 00:00", "2022-04-01 00:00"), at("2022-04-01 00:00"));
        send(pings("139", "2022-04-02 08:00", "2022-04-02 09:00", 15, INSIDE));
        harness.watermark(Long.MAX_VALUE);
        assertEquals(List.of("compound-1 139 2022-04-02 08:00..2022-04-02 09:30 detected 2022-04-02 09:30"), exposures());
        // not swept at the end of a bounded input (see SweepSchedule.due): the job drops it
        assertEquals(1, KeyedState.keysWith(harness, "pings-by-day"));
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aPingBehindTheWatermarkIsRejectedAsLateForTheTracker() throws Exception {
        harness.watermark(at("2022-04-06 10:00"));
        send(pings("139", "2022-04-06 09:59", "2022-04-06 09:59", 15, INSIDE));
        List<String> reasons = harness.getSideOutput(DecodeFunction.REJECTED).stream()
                .map(r -> r.getValue().source() + ": " + r.getValue().reason()).toList();
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).startsWith("telecom.pings: late for the risk-area tracker: "), reasons.get(0));
    }
}
