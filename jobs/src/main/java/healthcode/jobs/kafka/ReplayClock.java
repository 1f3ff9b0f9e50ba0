package healthcode.jobs.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A stand-in for the wall clock when recorded data is replayed into the topics (the demo, the benchmarks):
 * the latest event time the replay had sent once every message sent up to it has been read by every job
 * that reads its topic, as the offsets the jobs commit at their checkpoints show ({@link CommittedReads}).
 * The replay sends in event-time order, so no message still to be read is older than this clock, and an
 * idle input that follows it makes nothing late, however slowly a source fetches. After {@link #runFrom}
 * it runs with the wall clock, as a live feed's would. One per JVM: the replay's cluster runs in the same JVM.
 */
public final class ReplayClock implements LiveWatermarks.Clock {
    public static final ReplayClock INSTANCE = new ReplayClock();

    /**
     * Event times sent, in order, with where their messages were written: the last offset per partition once
     * every message is written (a replay of millions of messages keeps no futures), else the futures. A
     * run-on mark starts the wall clock.
     */
    private record Mark(long eventTime, Map<TopicPartition, Long> lastOffsets, List<? extends Future<RecordMetadata>> writing,
                        boolean runOn) {}

    private static final Deque<Mark> SENT = new ArrayDeque<>();
    /** Per partition, the offset every job reading it has committed (the next one it will read). */
    private static Map<TopicPartition, Long> read = Map.of();
    private static long now;
    /** The wall time the clock started running with the wall clock, or 0 while it follows the replay. */
    private static long runningSince;

    private ReplayClock() {}

    /** The replay has sent messages up to this event time; {@code written} tells where the latest ones landed. */
    public static synchronized void sent(long eventTime, Collection<? extends Future<RecordMetadata>> written) {
        boolean done = written.stream().allMatch(Future::isDone);
        SENT.addLast(done ? new Mark(eventTime, lastOffsets(written), List.of(), false)
                : new Mark(eventTime, Map.of(), List.copyOf(written), false));
    }

    /** The replay has reached this event time without a message. */
    public static void sent(long eventTime) {
        sent(eventTime, List.of());
    }

    public static synchronized void reset() {
        SENT.clear();
        read = Map.of();
        now = 0;
        runningSince = 0;
    }

    /** The latest event time sent, read or not. */
    public static synchronized long latestSent() {
        return SENT.isEmpty() ? now : Math.max(now, SENT.peekLast().eventTime());
    }

    /**
     * Once everything sent so far has been read, the clock shows this event time plus the wall time since:
     * the replay has caught up with the present.
     */
    public static synchronized void runFrom(long eventTime) {
        SENT.addLast(new Mark(eventTime, Map.of(), List.of(), true));
    }

    /** The offsets the jobs have committed, per partition of the replayed topics. */
    static synchronized void read(Map<TopicPartition, Long> committed) {
        read = Map.copyOf(committed);
    }

    @Override
    public long millis() {
        synchronized (ReplayClock.class) {
            while (runningSince == 0 && !SENT.isEmpty() && isRead(SENT.peekFirst())) {
                Mark mark = SENT.pollFirst();
                now = Math.max(now, mark.eventTime());
                if (mark.runOn()) {
                    runningSince = System.currentTimeMillis();
                }
            }
            return runningSince == 0 ? now : now + System.currentTimeMillis() - runningSince;
        }
    }

    private static boolean isRead(Mark mark) {
        if (!mark.writing().stream().allMatch(Future::isDone)) {
            return false;
        }
        return allRead(mark.lastOffsets()) && allRead(lastOffsets(mark.writing()));
    }

    private static boolean allRead(Map<TopicPartition, Long> lastOffsets) {
        for (Map.Entry<TopicPartition, Long> last : lastOffsets.entrySet()) {
            if (read.getOrDefault(last.getKey(), 0L) <= last.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The last offset written per partition by messages that are all done. */
    private static Map<TopicPartition, Long> lastOffsets(Collection<? extends Future<RecordMetadata>> written) {
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        for (Future<RecordMetadata> message : written) {
            RecordMetadata where = writtenAt(message);
            if (where != null) {
                lastOffsets.merge(new TopicPartition(where.topic(), where.partition()), where.offset(), Math::max);
            }
        }
        return lastOffsets;
    }

    /** Where a written message landed, or null if it was never written (so never read; the sender reports it). */
    private static RecordMetadata writtenAt(Future<RecordMetadata> done) {
        try {
            return done.get();
        } catch (ExecutionException | InterruptedException e) {
            return null;
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
