package healthcode.jobs.functions;

import static healthcode.jobs.functions.TestRecords.at;
import static healthcode.jobs.functions.Tracks.KTV;
import static healthcode.jobs.functions.Tracks.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.Fixes;
import healthcode.common.companions.Stay;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.Venue;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.geo.GeoJsonGeometry;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Coordinate;

/** A cell joins stays with case stays in either order, marks confined co-presence, and asks phones to look back. */
class CellIndexFunctionTest {
    private static final long CELL = cell(KTV);
    /** Onset 8 April 08:00: the window is 4 April 08:00 to 9 April 09:00; reported 10 April 10:00. */
    private static final CaseWindow WINDOW = Tracks.window("c-1", "138", "2022-04-08 08:00", "2022-04-09 09:00",
            "2022-04-10 10:00");

    private KeyedOneInputStreamOperatorTestHarness<Long, CellEvent, PhoneEvent> harness;

    private final CellIndexFunction function = new CellIndexFunction(Tracks.SPEC);

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                WatermarkWakeOperator.of(function), e -> e.cell, Types.LONG);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(CellEvent e) throws Exception {
        harness.processElement(e, e.eventTime);
    }

    private static Stay stay(String msisdn, String from, String to, boolean longDweller) {
        Stay stay = new Stay(msisdn, CELL, at(from), at(to), longDweller ? at(from) : Long.MAX_VALUE, new Fixes());
        stay.fixes.add(at(from), KTV[0], KTV[1]);
        return stay;
    }

    private List<String> detections() {
        return harness.extractOutputValues().stream().map(e -> e.companion.caseId() + " " + e.msisdn + " "
                + e.companion.overlapMinutes() + "min" + (e.companion.confined() ? " in " + e.companion.venueId() : "")
                + " detected " + (e.companion.detectedAt() == at("2022-04-10 10:00") ? "at report" : "later")).toList();
    }

    @Test
    void theHistoryOfTheCellIsMatchedWhenTheCaseArrives() throws Exception {
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.stay(stay("137", "2022-04-07 20:55", "2022-04-07 23:00", false)));
        send(CellEvent.stay(stay("136", "2022-04-02 19:00", "2022-04-02 21:00", true)));
        harness.processWatermark(at("2022-04-08 00:00"));
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-07 18:00", "2022-04-07 21:00", true))));
        harness.processWatermark(at("2022-04-11 00:00"));
        assertEquals(List.of("c-1 139 120min detected at report"), detections());
    }

    @Test
    void aDailySweepFilesTheLoggedStaysUnderBuckets_whereALaterCaseFindsThem() throws Exception {
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.stay(stay("137", "2022-04-02 19:00", "2022-04-07 20:00", false))); // long: many buckets back
        harness.processWatermark(at("2022-04-08 00:00"));
        assertEquals(1, KeyedState.keysWith(harness, "unfiled-stays"));
        harness.processWatermark(at("2022-04-09 12:00")); // past the first sweep, a day after the key was seen
        assertEquals(0, KeyedState.keysWith(harness, "unfiled-stays"));
        assertEquals(1, KeyedState.keysWith(harness, "stays-by-bucket"));
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-07 18:00", "2022-04-07 21:00", true))));
        harness.processWatermark(at("2022-04-11 00:00"));
        assertEquals(List.of("c-1 137 120min detected at report", "c-1 139 120min detected at report"), detections());
    }

    @Test
    void aStayThatEndsAfterTheCaseIsMatchedOnward_evenOneThatBeganManyBucketsEarlier() throws Exception {
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-09 06:00", "2022-04-09 08:00", true))));
        harness.processWatermark(at("2022-04-10 12:00"));
        send(CellEvent.stay(stay("139", "2022-04-08 22:00", "2022-04-10 13:00", false)));
        harness.processWatermark(at("2022-04-11 00:00"));
        assertEquals(List.of("c-1 139 120min detected at report"), detections());
    }

    private static VenueShape ktv(boolean confined, String registered) {
        double h = 0.0003;
        return VenueShape.of(new Venue("ktv-7", "Golden Voice", confined, at(registered),
                GeoJsonGeometry.WGS84.createPolygon(new Coordinate[] {new Coordinate(KTV[1] - h, KTV[0] - h),
                    new Coordinate(KTV[1] + h, KTV[0] - h), new Coordinate(KTV[1] + h, KTV[0] + h),
                    new Coordinate(KTV[1] - h, KTV[0] + h), new Coordinate(KTV[1] - h, KTV[0] - h)})));
    }

    @Test
    void aVenueNoLongerConfinedIsForgotten() throws Exception {
        send(CellEvent.venue(CELL, ktv(true, "2022-01-01 00:00")));
        send(CellEvent.venue(CELL, ktv(false, "2022-03-01 00:00")));
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-07 19:00", "2022-04-07 21:00", true))));
        harness.processWatermark(at("2022-04-11 00:00"));
        assertEquals(List.of("c-1 139 120min detected at report"), detections());
        assertEquals(0, KeyedState.keysWith(harness, "confined-venues"));
    }

    @Test
    void bothPhonesInAConfinedVenueDuringTheOverlapMakeItConfined() throws Exception {
        send(CellEvent.venue(CELL, ktv(true, "2022-01-01 00:00")));
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-07 19:00", "2022-04-07 21:00", true))));
        harness.processWatermark(at("2022-04-11 00:00"));
        assertEquals(List.of("c-1 139 120min in ktv-7 detected at report"), detections());
    }

    @Test
    void aRiskAreaAsksThePhonesThatStayedInItsIntervalBeforeItsDesignationToLookBack() throws Exception {
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.stay(stay("137", "2022-04-05 19:00", "2022-04-05 21:00", false))); // before the area's from
        send(CellEvent.stay(stay("136", "2022-04-08 20:00", "2022-04-09 10:00", false))); // begun before, ends after
        AreaDefinition area = new AreaDefinition();
        area.areaId = "sealed-1";
        area.level = AreaLevel.SEALED;
        area.from = at("2022-04-07 00:00");
        area.at = at("2022-04-09 08:00");
        area.wkb = new byte[0];
        send(CellEvent.area(CELL, area));
        send(CellEvent.stay(stay("135", "2022-04-09 09:00", "2022-04-09 10:00", false))); // after: followed onward
        harness.processWatermark(at("2022-04-10 00:00"));
        List<String> asked = harness.getSideOutput(CellIndexFunction.LOOK_BACK).stream().map(StreamRecord::getValue)
                .map(e -> e.msisdn + " " + e.areaId + " at " + (e.eventTime == area.at ? "designation" : "stay end"))
                .toList();
        assertEquals(List.of("139 sealed-1 at designation", "136 sealed-1 at stay end"), asked);
    }

    @Test
    void stateEmptiesOnceTrafficStopsForTheRetention_butTheCatalogStays() throws Exception {
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-07 18:00", "2022-04-07 21:00", true))));
        harness.processWatermark(at("2022-04-11 00:00"));
        assertEquals(1, KeyedState.keysWith(harness, "unfiled-stays"));
        harness.processWatermark(at("2022-04-12 00:00"));
        assertEquals(1, KeyedState.keysWith(harness, "stays-by-bucket"));
        harness.processWatermark(at("2022-04-12 00:00") + 16 * 24 * 3600_000L);
        for (String state : List.of("pending-cell-events", "unfiled-stays", "stays-by-bucket", "longest-stay", "case-stays", "risk-areas",
                "sweep-at")) {
            assertEquals(0, KeyedState.keysWith(harness, state), state);
        }
        assertEquals(0, function.keysWaiting());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    @Timeout(60)
    void theEndOfTheInputLeavesNoTimer_itsStateGoesWithTheJob() throws Exception {
        send(CellEvent.venue(CELL, ktv(true, "2022-01-01 00:00")));
        send(CellEvent.stay(stay("139", "2022-04-07 19:00", "2022-04-07 21:00", false)));
        send(CellEvent.caseStay(new CaseStay(WINDOW, stay("138", "2022-04-07 18:00", "2022-04-07 21:00", true))));
        harness.processWatermark(Long.MAX_VALUE);
        assertEquals(1, detections().size());
        // not swept at the end of a bounded input (see SweepSchedule.due): the job drops it
        assertEquals(1, KeyedState.keysWith(harness, "unfiled-stays"));
        assertEquals(1, KeyedState.keysWith(harness, "confined-venues"));
        assertEquals(0, harness.numEventTimeTimers());
    }
}
