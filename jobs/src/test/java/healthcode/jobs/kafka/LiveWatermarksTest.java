package healthcode.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** One partition's live watermark: the bound, idleness on the activity clock, the wall clock when idle. */
class LiveWatermarksTest {
    private static final long T = 1_650_000_000_000L;
    private final long[] wall = {T + 3_600_000};
    private final long[] activity = {0};
    private final Recorder out = new Recorder();

    private LiveWatermarks<String> generator(Duration clockLag) {
        return new LiveWatermarks<>(Duration.ofSeconds(60), Duration.ofSeconds(5), clockLag, () -> wall[0],
                new org.apache.flink.util.clock.RelativeClock() {
                    public long relativeTimeMillis() {
                        return activity[0];
                    }

                    public long relativeTimeNanos() {
                        return activity[0] * 1_000_000;
                    }
                });
    }

    @Test
    void theWatermarkStaysTheBoundBehindTheLatestEventTime() {
        LiveWatermarks<String> g = generator(Duration.ofMinutes(10));
        g.onEvent("a", T, out);
        g.onEvent("b", T - 30_000, out);
        g.onPeriodicEmit(out);
        assertEquals(List.of(T - 60_001), out.watermarks);
    }

    @Test
    void anIdlePartitionFollowsTheWallClockMinusTheLag() {
        LiveWatermarks<String> g = generator(Duration.ofMinutes(10));
        g.onEvent("a", T, out);
        activity[0] += 5_000;
        g.onPeriodicEmit(out);
        assertEquals(List.of(T + 3_600_000 - 600_000), out.watermarks);
    }

    @Test
    void backPressureIsNotIdleness_theActivityClockStandsStill() {
        LiveWatermarks<String> g = generator(Duration.ofMinutes(10));
        g.onEvent("a", T, out);
        wall[0] += 60_000; // the wall clock runs on, but the source was blocked: no activity time passed
        g.onPeriodicEmit(out);
        assertEquals(List.of(T - 60_001), out.watermarks);
        assertEquals(0, out.idle);
    }

    @Test
    void withoutAClockLagAnIdlePartitionIsOnlyMarkedIdle_andWakesWithItsNextRecord() {
        LiveWatermarks<String> g = generator(Duration.ZERO);
        g.onEvent("a", T, out);
        g.onPeriodicEmit(out);
        activity[0] += 5_000;
        g.onPeriodicEmit(out);
        assertEquals(1, out.idle);
        g.onEvent("b", T, out);
        g.onPeriodicEmit(out);
        assertEquals(List.of(T - 60_001, T - 60_001), out.watermarks, "the same watermark again makes it active");
        assertTrue(out.watermarks.size() == 2);
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }
}
