package healthcode.common.companions;

import static healthcode.common.companions.Moments.HOUR;
import static healthcode.common.companions.Moments.SPEC;
import static healthcode.common.companions.Moments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.CaseKind;
import healthcode.common.domain.CaseReport;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.Venue;
import healthcode.common.geo.GeoJsonGeometry;
import healthcode.common.geo.GridCells;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/** companions.md, 3 to 7: the exposure window, co-presence, the case's own phones, dwell, confined, detectedAt. */
class CompanionRulesTest {
    private static final long CELL = new GridCells(8).cellOf(22.8300, 108.3300);
    private static final String CASE_PHONE = "13800000001";
    private static final String VISITOR = "13900000002";
    /** Onset 10 April 08:00: the window runs from 6 April 08:00 to isolation on 11 April 09:00. */
    private static final CaseReport CASE = new CaseReport("C-1", "P-1", List.of(CASE_PHONE, "13800000009"),
            CaseKind.CONFIRMED, at(10, 8, 0), null, at(11, 9, 0), at(12, 10, 0));
    private static final CaseWindow WINDOW = CaseWindow.of(CASE, SPEC).get(0);
    private static final ConfinedVenues NO_VENUES = new ConfinedVenues(List.of());

    private static Stay stay(String msisdn, long from, long to, boolean longDweller) {
        return new Stay(msisdn, CELL, from, to, longDweller ? from : Long.MAX_VALUE, new Fixes());
    }

    private static CompanionDetection detect(Stay caseStay, Stay stay) {
        return CoPresence.detect(new CaseStay(WINDOW, caseStay), stay, NO_VENUES, SPEC);
    }

    @Test
    void theWindowRunsFromFourDaysBeforeTheEarlierOfOnsetAndFirstPositiveSampleToIsolation() {
        CaseReport asymptomatic = new CaseReport("C-2", "P-2", List.of("1", "1"), CaseKind.ASYMPTOMATIC, at(10, 8, 0),
                at(9, 20, 0), at(11, 9, 0), at(12, 10, 0));
        List<CaseWindow> windows = CaseWindow.of(asymptomatic, SPEC);
        assertEquals(1, windows.size(), "one window per distinct phone");
        assertEquals(at(5, 20, 0), windows.get(0).from);
        assertEquals(at(11, 9, 0), windows.get(0).to);
        CaseReport isolatedEarly = new CaseReport("C-3", "P-3", List.of("1"), CaseKind.CONFIRMED, at(10, 8, 0), null,
                at(5, 9, 0), at(12, 10, 0));
        assertEquals(List.of(), CaseWindow.of(isolatedEarly, SPEC));
    }

    @Test
    void anOverlapOfTenMinutesMakesACompanion_detectedAtTheLaterOfReportAndOverlapEnd() {
        CompanionDetection d = detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 14, 0), true),
                stay(VISITOR, at(8, 13, 50), at(8, 15, 0), false));
        assertEquals(at(8, 13, 50), d.from());
        assertEquals(at(8, 14, 0), d.to());
        assertEquals(10, d.overlapMinutes());
        assertEquals(at(12, 10, 0), d.detectedAt());
        assertEquals(GridCells.address(CELL), d.cell());
        assertFalse(d.confined());
    }

    @Test
    void anOverlapShorterThanTenMinutesDoesNot() {
        assertNull(detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 14, 0), true),
                stay(VISITOR, at(8, 13, 51), at(8, 15, 0), false)));
    }

    @Test
    void bothStaysAreClippedToTheWindow() {
        assertNull(detect(stay(CASE_PHONE, at(6, 7, 0), at(6, 8, 5), true), stay(VISITOR, at(6, 7, 0), at(6, 8, 5), true)),
                "only five minutes of it lie in the window");
        CompanionDetection d = detect(stay(CASE_PHONE, at(11, 8, 0), at(11, 12, 0), true),
                stay(VISITOR, at(11, 8, 0), at(11, 12, 0), false));
        assertEquals(at(11, 9, 0), d.to(), "clipped at isolation");
    }

    @Test
    void theCasesOwnPhonesAreNeverItsCompanions() {
        assertNull(detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 14, 0), true),
                stay("13800000009", at(8, 12, 0), at(8, 14, 0), true)));
    }

    @Test
    void neitherPhoneOverThirtyHoursInTheCellMeansNoCompanion() {
        assertNull(detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 14, 0), false),
                stay(VISITOR, at(8, 12, 0), at(8, 14, 0), false)));
    }

    @Test
    void eitherPhoneOverThirtyHoursByTheOverlapsEndIsEnough() {
        Stay visitor = new Stay(VISITOR, CELL, at(8, 12, 0), at(8, 14, 0), at(8, 13, 0), new Fixes());
        assertTrue(detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 14, 0), false), visitor) != null);
        Stay visitorTooLate = new Stay(VISITOR, CELL, at(8, 12, 0), at(8, 14, 0), at(8, 13, 31), new Fixes());
        assertNull(detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 13, 30), false), visitorTooLate));
    }

    @Test
    void aStayInAnotherCellIsNoCompanion() {
        Stay elsewhere = new Stay(VISITOR, CELL + 1, at(8, 12, 0), at(8, 14, 0), Long.MIN_VALUE, new Fixes());
        assertNull(detect(stay(CASE_PHONE, at(8, 12, 0), at(8, 14, 0), true), elsewhere));
    }

    @Test
    void bothPhonesInsideOneConfinedVenueDuringTheOverlapMakeItConfined() {
        double lat = 22.8300;
        double lon = 108.3300;
        ConfinedVenues ktv = new ConfinedVenues(List.of(venue("ktv-7", lat, lon, at(1, 0, 0))));
        Stay own = stay(CASE_PHONE, at(8, 19, 0), at(8, 21, 0), true);
        own.fixes.add(at(8, 19, 30), lat, lon);
        Stay visitor = stay(VISITOR, at(8, 20, 0), at(8, 23, 0), false);
        visitor.fixes.add(at(8, 22, 0), lat, lon);
        assertFalse(CoPresence.detect(new CaseStay(WINDOW, own), visitor, ktv, SPEC).confined(),
                "each was in the KTV, but outside the overlap");
        own.fixes.add(at(8, 20, 15), lat, lon);
        assertFalse(CoPresence.detect(new CaseStay(WINDOW, own), visitor, ktv, SPEC).confined(),
                "only the case's phone was in it during the overlap");
        visitor.fixes.add(at(8, 20, 30), lat + 0.0001, lon);
        CompanionDetection d = CoPresence.detect(new CaseStay(WINDOW, own), visitor, ktv, SPEC);
        assertTrue(d.confined());
        assertEquals("ktv-7", d.venueId());
        ConfinedVenues notYetKnown = new ConfinedVenues(List.of(venue("ktv-7", lat, lon, at(12, 11, 0))));
        assertFalse(CoPresence.detect(new CaseStay(WINDOW, own), visitor, notYetKnown, SPEC).confined(),
                "a venue registered after the detection does not count");
    }

    @Test
    void aStayKnownMoreThanTheRetentionApartFromTheCaseStayIsNotCompared() {
        Stay old = stay(VISITOR, at(1, 12, 0), at(1, 14, 0), true);
        CaseWindow reportedLate = CaseWindow.of(new CaseReport("C-9", "P-9", List.of(CASE_PHONE), CaseKind.CONFIRMED,
                at(5, 8, 0), null, at(5, 9, 0), at(16, 10, 0)), SPEC).get(0);
        assertNull(CoPresence.detect(new CaseStay(reportedLate, stay(CASE_PHONE, at(1, 12, 0), at(1, 14, 0), true)), old,
                NO_VENUES, SPEC));
        assertEquals(14 * 24 * HOUR, SPEC.retentionMs());
    }

    static VenueShape venue(String id, double lat, double lon, long at) {
        double h = 0.0003;
        return VenueShape.of(new Venue(id, "KTV", true, at, GeoJsonGeometry.WGS84.createPolygon(new Coordinate[] {
            new Coordinate(lon - h, lat - h), new Coordinate(lon + h, lat - h), new Coordinate(lon + h, lat + h),
            new Coordinate(lon - h, lat + h), new Coordinate(lon - h, lat - h)})));
    }
}
