package healthcode.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** rules.md, Day counting: arrive on the 1st, counting starts on the 2nd, 21 days are over at 00:00 on the 23rd. */
class DayCountingTest {
    private static final ZoneId SHANGHAI = Times.zone("Asia/Shanghai");

    private static long t(String iso) {
        return Times.parseIso(iso);
    }

    @Test
    void calendar_countsFromTheNextMidnight() {
        assertEquals(t("2022-05-23T00:00:00+08:00"), DayCounting.CALENDAR.periodEnd(t("2022-05-01T15:30:00+08:00"), 21, SHANGHAI));
    }

    @Test
    void calendar_aStartExactlyAtMidnightCountsFromItself() {
        assertEquals(t("2022-05-22T00:00:00+08:00"), DayCounting.CALENDAR.periodEnd(t("2022-05-01T00:00:00+08:00"), 21, SHANGHAI));
    }

    @Test
    void calendar_usesTheEditionZoneForMidnight() {
        // 2022-05-01T20:00Z is 04:00 on the 2nd in Shanghai: counting starts on the 3rd.
        assertEquals(t("2022-05-10T00:00:00+08:00"), DayCounting.CALENDAR.periodEnd(t("2022-05-01T20:00:00Z"), 7, SHANGHAI));
    }

    @Test
    void exact_addsWholeDaysOf24Hours() {
        assertEquals(t("2022-05-08T15:30:00+08:00"), DayCounting.EXACT.periodEnd(t("2022-05-01T15:30:00+08:00"), 7, SHANGHAI));
    }

    @Test
    void timesAreReadWithAnOffsetAndWrittenInTheOutputZone() {
        long t = Times.parseIso("2022-04-09T00:30:00Z");
        assertEquals("2022-04-09T08:30:00+08:00", Times.format(t, SHANGHAI));
        assertEquals("2022-04-09T08:30:00.250+08:00", Times.format(t + 250, SHANGHAI));
    }
}
