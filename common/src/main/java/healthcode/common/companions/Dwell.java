package healthcode.common.companions;

import java.util.Arrays;

/**
 * The dwell condition (companions.md, 5): a phone's total stay time in a cell over the dwell
 * lookback before an instant. Within one stay this total never decreases (time gained in the stay
 * is at least time lost off the back of the lookback), so one instant per stay says when the
 * condition starts to hold for it.
 */
public final class Dwell {
    private Dwell() {}

    /**
     * @param earlier intervals of the phone's earlier stays in the cell, as {from, to} pairs, all ending by {@code from}
     * @return the earliest instant in [from, to] at which the total exceeds {@code limit},
     *     Long.MIN_VALUE when the condition is switched off (limit 0), Long.MAX_VALUE when never
     */
    public static long exceededFrom(long[] earlier, long from, long to, long lookback, long limit) {
        if (limit == 0) {
            return Long.MIN_VALUE;
        }
        if (total(earlier, from, to, lookback) <= limit) {
            return Long.MAX_VALUE;
        }
        long lo = from;
        long hi = to;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (total(earlier, from, mid, lookback) > limit) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Time in the cell during (instant - lookback, instant], counting the current stay from {@code stayFrom}. */
    static long total(long[] earlier, long stayFrom, long instant, long lookback) {
        long start = instant - lookback;
        long sum = Math.max(0, instant - Math.max(stayFrom, start));
        for (int i = 0; i + 1 < earlier.length; i += 2) {
            sum += Math.max(0, Math.min(earlier[i + 1], instant) - Math.max(earlier[i], start));
        }
        return sum;
    }

    /** The intervals, as flat {from, to} pairs, that end after {@code limit}. */
    public static long[] endingAfter(long[] intervals, long limit) {
        if (intervals == null) {
            return new long[0];
        }
        long[] kept = new long[intervals.length];
        int n = 0;
        for (int i = 0; i + 1 < intervals.length; i += 2) {
            if (intervals[i + 1] > limit) {
                kept[n++] = intervals[i];
                kept[n++] = intervals[i + 1];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    public static long[] append(long[] intervals, long from, long to) {
        long[] grown = Arrays.copyOf(intervals, intervals.length + 2);
        grown[intervals.length] = from;
        grown[intervals.length + 1] = to;
        return grown;
    }
}
