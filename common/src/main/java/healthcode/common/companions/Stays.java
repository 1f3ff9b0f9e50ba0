package healthcode.common.companions;

/**
 * Sessionises one phone's pings, taken in event-time order, into stays (companions.md, Stays): a
 * stay runs from its first ping to the first ping in another cell, but no later than its last ping
 * + max-gap; two pings of the run more than max-gap apart split it.
 */
public final class Stays {
    /** A stay that has ended: its cell, interval and fixes. */
    public record Ended(long cell, long from, long to, Fixes fixes) {}

    /** The phone's stay after a ping, and the stay the ping ended, if any. */
    public record Step(OpenStay open, Ended ended) {}

    private Stays() {}

    public static Step next(OpenStay open, LocatedPing ping, long maxGap) {
        if (open != null && open.cell == ping.cell && ping.ts - open.last <= maxGap) {
            open.last = ping.ts;
            addFix(open, ping);
            return new Step(open, null);
        }
        Ended ended = open == null ? null : end(open, Math.min(ping.ts, open.last + maxGap));
        OpenStay started = new OpenStay();
        started.cell = ping.cell;
        started.from = ping.ts;
        started.last = ping.ts;
        addFix(started, ping);
        return new Step(started, ended);
    }

    /** The stay ended by silence: no ping for max-gap after its last one; null while it may go on. */
    public static Ended expired(OpenStay open, long now, long maxGap) {
        if (open == null || open.last + maxGap > now) {
            return null;
        }
        return end(open, open.last + maxGap);
    }

    /** A run's end: the next ping's time, but no later than the last ping + max-gap. */
    public static long endOfRun(long last, long next, long maxGap) {
        return Math.min(next, last + maxGap);
    }

    private static Ended end(OpenStay open, long to) {
        return new Ended(open.cell, open.from, to, open.fixes);
    }

    private static void addFix(OpenStay open, LocatedPing ping) {
        if (!ping.tower) {
            open.fixes.add(ping.ts, ping.lat, ping.lon);
        }
    }
}
