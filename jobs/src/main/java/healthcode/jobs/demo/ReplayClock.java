package healthcode.jobs.demo;

import healthcode.jobs.kafka.LiveWatermarks;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The demo's stand-in for the wall clock: the event time the replay had reached {@link #DELIVERY} ago.
 * The demo sends the scenario in event-time order, so once a message has had time to be read, no
 * message still to be read is older than this clock, and an idle input that follows it makes nothing
 * late. One per JVM: the demo's cluster runs in the same JVM.
 */
final class ReplayClock implements LiveWatermarks.Clock {
    static final ReplayClock INSTANCE = new ReplayClock();
    /** Longer than a message takes from the producer to a source reader on this machine. */
    static final long DELIVERY = 2000;

    private static final Deque<long[]> SENT = new ArrayDeque<>();
    private static long now;

    private ReplayClock() {}

    /** The replay has sent a message of this event time. */
    static synchronized void sent(long eventTime) {
        SENT.addLast(new long[] {System.currentTimeMillis(), eventTime});
    }

    static synchronized void reset() {
        SENT.clear();
        now = 0;
    }

    /** The latest event time sent, delivered or not. */
    static synchronized long latestSent() {
        return SENT.isEmpty() ? now : Math.max(now, SENT.peekLast()[1]);
    }

    @Override
    public long millis() {
        synchronized (ReplayClock.class) {
            long delivered = System.currentTimeMillis() - DELIVERY;
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
