package healthcode.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay clock passes an event time only once every message sent up to it has been read. */
class ReplayClockTest {
    private static final TopicPartition PINGS_0 = new TopicPartition("telecom.pings", 0);
    private static final TopicPartition AREAS_1 = new TopicPartition("risk-areas", 1);
    private static final long NINE = 9 * 3_600_000L;
    private static final long HALF_PAST_TEN = NINE + 90 * 60_000L;

    @BeforeEach
    @AfterEach
    void reset() {
        ReplayClock.reset();
    }

    @Test
    void aMessageNotYetReadHoldsTheClockBackWhateverWasSentAfterIt() {
        ReplayClock.sent(NINE, List.of(writtenAt(AREAS_1, 0)));
        ReplayClock.sent(HALF_PAST_TEN, List.of(writtenAt(PINGS_0, 41)));
        ReplayClock.read(Map.of(PINGS_0, 42L));
        assertEquals(0, ReplayClock.INSTANCE.millis(), "the risk area at nine is unread");

        ReplayClock.read(Map.of(PINGS_0, 42L, AREAS_1, 1L));
        assertEquals(HALF_PAST_TEN, ReplayClock.INSTANCE.millis());
    }

    @Test
    void aMessageStillBeingWrittenIsUnread() {
        CompletableFuture<RecordMetadata> writing = new CompletableFuture<>();
        ReplayClock.sent(NINE, List.of(writing));
        ReplayClock.read(Map.of(PINGS_0, 100L));
        assertEquals(0, ReplayClock.INSTANCE.millis());
        writing.complete(metadata(PINGS_0, 7));
        assertEquals(NINE, ReplayClock.INSTANCE.millis());
    }

    @Test
    void afterRunFromTheClockRunsWithTheWallClock_onceEverythingIsRead() throws Exception {
        ReplayClock.sent(NINE, List.of(writtenAt(PINGS_0, 0)));
        ReplayClock.runFrom(HALF_PAST_TEN);
        assertEquals(0, ReplayClock.INSTANCE.millis());
        ReplayClock.read(Map.of(PINGS_0, 1L));
        long first = ReplayClock.INSTANCE.millis();
        assertTrue(first >= HALF_PAST_TEN && first < HALF_PAST_TEN + 1000, Long.toString(first));
        Thread.sleep(20);
        assertTrue(ReplayClock.INSTANCE.millis() >= first + 20);
    }

    private static CompletableFuture<RecordMetadata> writtenAt(TopicPartition partition, long offset) {
        return CompletableFuture.completedFuture(metadata(partition, offset));
    }

    private static RecordMetadata metadata(TopicPartition partition, long offset) {
        return new RecordMetadata(partition, offset, 0, 0L, 0, 0);
    }
}
