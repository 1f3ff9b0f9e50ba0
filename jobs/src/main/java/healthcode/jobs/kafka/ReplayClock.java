package healthcode.jobs.kafka;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A stand-in for the wall clock when recorded data is replayed into the topics (the demo, the benchmarks):
 * the event time the replay had reached a delivery time ago ({@link #DELIVERY} unless reset with another). The replay sends in event-time order, so
 * once a message has had time to be read, no message still to be read is older than this clock, and an
 * idle input that follows it makes nothing late. After {@link #runFrom} it runs with the wall clock, as
 * a live feed's would. One per JVM: the replay's cluster runs in the same JVM.
 */
public final class ReplayClock implements LiveWatermarks.Clock {
    public static final ReplayClock INSTANCE = new ReplayClock();
    /** Longer than a message takes from the producer to a source reader on this machine (the demo's). */
    static final long DELIVERY = 2000;

    private static final Deque<long[]> SENT = new ArrayDeque<>();
    private static long now;
    /** The wall time the clock started running with the wall clock, or 0 while it follows the replay. */
    private static long runningSince;
    private static long delivery = DELIVERY;

    private ReplayClock() {}

    /** The replay has sent a message of this event time (and every message before it). */
    public static synchronized void sent(long eventTime) {
        SENT.addLast(new long[] {System.currentTimeMillis(), eventTime});
    }

    public static synchronized void reset() {
        reset(DELIVERY);
    }

    /**
     * @param deliveryMillis how long a message may take to be read: a replay faster than the jobs, whose
     *     sources may go that long between two fetches of a partition, needs more than the demo
     */
    public static synchronized void reset(long deliveryMillis) {
        SENT.clear();
        now = 0;
        runningSince = 0;
        delivery = deliveryMillis;
    }

    /** The latest event time sent, delivered or not. */
    public static synchronized long latestSent() {
        return SENT.isEmpty() ? now : Math.max(now, SENT.peekLast()[1]);
    }

    /** From now on the clock shows this event time plus the wall time since: the replay has caught up with the present. */
    public static synchronized void runFrom(long eventTime) {
        SENT.clear();
        now = eventTime;
        runningSince = System.currentTimeMillis();
    }

    @Override
    public long millis() {
        synchronized (ReplayClock.class) {
            if (runningSince != 0) {
                return now + System.currentTimeMillis() - runningSince;
            }
            long delivered = System.currentTimeMillis() - delivery;
            while (!SENT.isEmpty() && SENT.peekFirst()[0] <= delivered) {
                now = Math.max(now, SENT.pollFirst()[1]);
            }
            return now;
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
