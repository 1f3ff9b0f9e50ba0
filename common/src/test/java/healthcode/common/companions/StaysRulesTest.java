package healthcode.common.companions;

import static healthcode.common.companions.Moments.MAX_GAP;
import static healthcode.common.companions.Moments.MINUTE;
import static healthcode.common.companions.Moments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** companions.md, Stays: maximal runs of a phone's pings in one cell, ended by another cell or by max-gap. */
class StaysRulesTest {
    private static final long HOME = 1;
    private static final long WORK = 2;

    private final List<Stays.Ended> ended = new ArrayList<>();
    private OpenStay open;

    private void ping(long ts, long cell) {
        Stays.Step step = Stays.next(open, Moments.ping("139", ts, cell), MAX_GAP);
        open = step.open();
        if (step.ended() != null) {
            ended.add(step.ended());
        }
    }

    private static String interval(Stays.Ended stay) {
        return stay.cell() + " " + (stay.from() - at(1, 8, 0)) / MINUTE + ".." + (stay.to() - at(1, 8, 0)) / MINUTE;
    }

    @Test
    void aStayRunsFromItsFirstPingToTheFirstPingInAnotherCell() {
        ping(at(1, 8, 0), HOME);
        ping(at(1, 8, 20), HOME);
        ping(at(1, 8, 35), WORK);
        assertEquals(List.of("1 0..35"), ended.stream().map(StaysRulesTest::interval).toList());
        assertEquals(at(1, 8, 35), open.from);
    }

    @Test
    void aStayEndsNoLaterThanItsLastPingPlusMaxGap() {
        ping(at(1, 8, 0), HOME);
        ping(at(1, 9, 0), WORK);
        assertEquals(List.of("1 0..30"), ended.stream().map(StaysRulesTest::interval).toList());
    }

    @Test
    void twoPingsInOneCellMoreThanMaxGapApartSplitTheStay_atMaxGapExactlyTheyDoNot() {
        ping(at(1, 8, 0), HOME);
        ping(at(1, 8, 30), HOME);
        ping(at(1, 9, 1), HOME);
        assertEquals(List.of("1 0..60"), ended.stream().map(StaysRulesTest::interval).toList());
        assertEquals(at(1, 9, 1), open.from);
    }

    @Test
    void silenceEndsTheStayAtMaxGapAfterItsLastPing_notBefore() {
        ping(at(1, 8, 0), HOME);
        assertNull(Stays.expired(open, at(1, 8, 29), MAX_GAP));
        Stays.Ended silent = Stays.expired(open, at(1, 8, 30), MAX_GAP);
        assertEquals("1 0..30", interval(silent));
    }

    @Test
    void towerPingsPlaceAStayButGiveNoOwnPosition() {
        open = Stays.next(null, new LocatedPing("139", at(1, 8, 0), 22.8, 108.3, HOME, true), MAX_GAP).open();
        open = Stays.next(open, Moments.ping("139", at(1, 8, 10), HOME), MAX_GAP).open();
        assertEquals(1, open.fixes.size());
        assertEquals(at(1, 8, 10), open.fixes.times[0]);
    }
}
