package healthcode.common.time;

import java.time.ZoneId;

/** How "N days from t" is counted (rules.md, Day counting). */
public enum DayCounting {
    /** Counting starts the day after t: ends at 00:00 of ceilToDay(t) + N days. */
    CALENDAR,
    /** Ends at t + N x 24 h. */
    EXACT;

    public long periodEnd(long start, int days, ZoneId zone) {
        if (this == EXACT) {
            return start + days * Times.DAY;
        }
        return Times.plusDays(Times.ceilToDay(start, zone), days, zone);
    }
}
