package healthcode.jobs.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
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

    /** Event times sent, in order, with where their messages were written; a run-on mark starts the wall clock. */
    private record Mark(long eventTime, List<? extends Future<RecordMetadata>> written, boolean runOn) {}

    private static final Deque<Mark> SENT = new ArrayDeque<>();
    /** Per partition, the offset every job reading it has committed (the next one it will read). */
    private static Map<TopicPartition, Long> read = Map.of();
    private static long now;
    /** The wall time the clock started running with the wall clock, or 0 while it follows the replay. */
    private static long runningSince;

    private ReplayClock() {}

    /** The replay has sent messages up to this event time; {@code written} tells where the latest ones landed. */
    public static synchronized void sent(long eventTime, Collection<? extends Future<RecordMetadata>> written) {
        SENT.addLast(new Mark(eventTime, List.copyOf(written), false));
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
        SENT.addLast(new Mark(eventTime, List.of(), true));
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
        for (Future<RecordMetadata> message : mark.written()) {
            if (!message.isDone()) {
                return false;
            }
            RecordMetadata where;
            try {
                where = message.get();
            } catch (ExecutionException | InterruptedException e) {
                continue; // never written, so never read; the sender reports it
            }
            if (read.getOrDefault(new TopicPartition(where.topic(), where.partition()), 0L) <= where.offset()) {
                return false;
            }
        }
        return true;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
