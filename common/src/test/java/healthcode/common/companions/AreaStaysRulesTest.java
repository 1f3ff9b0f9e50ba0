package healthcode.common.companions;

import static healthcode.common.companions.Moments.MAX_GAP;
import static healthcode.common.companions.Moments.SPEC;
import static healthcode.common.companions.Moments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.AreaLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** companions.md, Area exposures: area stays built like cell stays, clipped, at least 30 minutes. */
class AreaStaysRulesTest {
    private final AreaProgress progress = new AreaProgress();
    private final List<AreaExposure> exposures = new ArrayList<>();

    private static AreaDefinition area(long from, Long to, long at) {
        AreaDefinition a = new AreaDefinition();
        a.areaId = "sealed-1";
        a.level = AreaLevel.SEALED;
        a.from = from;
        a.to = to;
        a.at = at;
        return a;
    }

    private void fix(AreaDefinition area, long ts, boolean inside) {
        AreaExposure e = AreaStays.exposure(area, "139", AreaStays.next(progress, ts, inside, MAX_GAP), progress, SPEC);
        if (e != null) {
            exposures.add(e);
        }
    }

    @Test
    void anAreaStayRunsFromTheFirstInsidePingToTheFirstOutside_andThirtyMinutesIsAnExposure() {
        AreaDefinition area = area(at(1, 0, 0), null, at(3, 12, 0));
        fix(area, at(2, 8, 0), true);
        fix(area, at(2, 8, 20), true);
        fix(area, at(2, 8, 30), false);
        assertEquals(1, exposures.size());
        AreaExposure e = exposures.get(0);
        assertEquals(at(2, 8, 0), e.from());
        assertEquals(at(2, 8, 30), e.to());
        assertEquals(at(3, 12, 0), e.detectedAt(), "designated after the fact: detected at the designation");
    }

    @Test
    void aDriveThroughShorterThanThirtyMinutesIsNot() {
        AreaDefinition area = area(at(1, 0, 0), null, at(1, 0, 0));
        fix(area, at(2, 8, 0), true);
        fix(area, at(2, 8, 29), false);
        assertEquals(List.of(), exposures);
    }

    @Test
    void theAreaStayIsClippedToTheActiveInterval_anditsEndIsTheDetection() {
        AreaDefinition area = area(at(2, 9, 0), at(2, 12, 0), at(2, 9, 0));
        for (long ts = at(2, 8, 0); ts <= at(2, 12, 40); ts += 20 * Moments.MINUTE) {
            fix(area, ts, true);
        }
        fix(area, at(2, 13, 0), false);
        AreaExposure e = exposures.get(0);
        assertEquals(at(2, 9, 0), e.from());
        assertEquals(at(2, 12, 0), e.to());
        assertEquals(at(2, 12, 0), e.detectedAt());
    }

    @Test
    void silenceEndsTheAreaStayAtMaxGap_andNothingIsReportedTwice() {
        AreaDefinition area = area(at(1, 0, 0), null, at(1, 0, 0));
        fix(area, at(2, 8, 0), true);
        fix(area, at(2, 8, 30), true);
        assertNull(AreaStays.expired(progress, at(2, 8, 59), MAX_GAP));
        AreaStays.Ended silent = AreaStays.expired(progress, at(2, 9, 0), MAX_GAP);
        assertEquals(at(2, 9, 0), silent.to());
        assertEquals(at(2, 9, 0), AreaStays.exposure(area, "139", silent, progress, SPEC).to());
        assertNull(AreaStays.exposure(area, "139", silent, progress, SPEC));
    }

    @Test
    void insidePingsMoreThanMaxGapApartMakeTwoAreaStays() {
        AreaDefinition area = area(at(1, 0, 0), null, at(1, 0, 0));
        fix(area, at(2, 8, 0), true);
        fix(area, at(2, 8, 20), true);
        fix(area, at(2, 9, 0), true);
        fix(area, at(2, 9, 40), false);
        assertEquals(List.of(at(2, 8, 0) + "-" + at(2, 8, 50), at(2, 9, 0) + "-" + at(2, 9, 30)),
                exposures.stream().map(e -> e.from() + "-" + e.to()).toList());
    }
}
