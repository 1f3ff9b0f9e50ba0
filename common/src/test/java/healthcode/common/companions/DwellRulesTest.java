package healthcode.common.companions;

import static healthcode.common.companions.Moments.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** companions.md, 5: either phone's total time in the cell over the 14 days before the overlap's end exceeds 30 h. */
class DwellRulesTest {
    private static final long LOOKBACK = 14 * 24 * HOUR;
    private static final long LIMIT = 30 * HOUR;
    private static final long DAY = 24 * HOUR;

    @Test
    void theConditionHoldsFromTheInstantTheTotalExceedsThirtyHours() {
        long from = 10 * DAY;
        long[] earlier = {from - 2 * DAY, from - 2 * DAY + 20 * HOUR};
        assertEquals(from + 10 * HOUR + 1, Dwell.exceededFrom(earlier, from, from + 15 * HOUR, LOOKBACK, LIMIT));
    }

    @Test
    void exactlyThirtyHoursDoesNotExceed() {
        long from = 10 * DAY;
        long[] earlier = {from - 2 * DAY, from - 2 * DAY + 20 * HOUR};
        assertEquals(Long.MAX_VALUE, Dwell.exceededFrom(earlier, from, from + 10 * HOUR, LOOKBACK, LIMIT));
    }

    @Test
    void staysBeforeTheLookbackDoNotCount() {
        long from = 30 * DAY;
        long[] earlier = {from - 15 * DAY, from - 15 * DAY + 29 * HOUR};
        assertEquals(Long.MAX_VALUE, Dwell.exceededFrom(earlier, from, from + 2 * HOUR, LOOKBACK, LIMIT));
    }

    @Test
    void zeroSwitchesTheConditionOff() {
        assertEquals(Long.MIN_VALUE, Dwell.exceededFrom(new long[0], 0, HOUR, LOOKBACK, 0));
    }

    @Test
    void theInstantFoundIsTheFirstAtWhichTheTotalExceeds_forRandomHistories() {
        Random random = new Random(14);
        for (int run = 0; run < 200; run++) {
            long from = 40 * DAY + random.nextInt(1000) * 60_000L;
            int stays = random.nextInt(6);
            long[] earlier = new long[2 * stays];
            long cursor = from - 16 * DAY;
            for (int i = 0; i < stays; i++) {
                earlier[2 * i] = cursor + random.nextInt(48) * HOUR;
                earlier[2 * i + 1] = Math.min(from, earlier[2 * i] + random.nextInt(30) * HOUR);
                cursor = earlier[2 * i + 1];
            }
            long to = from + random.nextInt(40) * HOUR + 1;
            long found = Dwell.exceededFrom(earlier, from, to, LOOKBACK, LIMIT);
            if (found == Long.MAX_VALUE) {
                assertTrue(Dwell.total(earlier, from, to, LOOKBACK) <= LIMIT);
            } else {
                assertTrue(Dwell.total(earlier, from, found, LOOKBACK) > LIMIT);
                assertTrue(found == from || Dwell.total(earlier, from, found - 1, LOOKBACK) <= LIMIT);
                for (long t = found; t <= to; t += HOUR / 4) {
                    assertTrue(Dwell.total(earlier, from, t, LOOKBACK) > LIMIT, "never falls back within the stay");
                }
            }
        }
    }
}
