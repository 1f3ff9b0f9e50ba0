package healthcode.jobs.kafka;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks of one Kafka partition in a live run: the latest event time minus the out-of-orderness
 * bound. A partition without messages for the idle timeout follows the wall clock minus the clock lag,
 * so quiet inputs neither hold the others back nor stop day-boundary timers; with no clock lag it is
 * only marked idle. The wall clock moves the watermark of idle inputs and nothing else. Idleness is
 * measured on Flink's input-activity clock, which stands still while the source is back-pressured, so
 * a partition with unread messages behind a slow job is never taken for a quiet one.
 */
public final class LiveWatermarks<T> implements WatermarkGenerator<T> {
    /** The wall clock, replaceable in tests. */
    public interface Clock extends java.io.Serializable {
        long millis();
    }

    public static final Clock SYSTEM = System::currentTimeMillis;

    private final long bound;
    private final long idleTimeout;
    private final long clockLag;
    private final Clock clock;
    private final RelativeClock activity;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;
    private boolean idle;

    /** @param clockLag how far behind the wall clock an idle partition's watermark stays; zero: no clock */
    /**
     * @param clock the wall clock an idle partition follows
     * @param activity the source's input-activity clock, which measures idleness
     */
    public LiveWatermarks(Duration bound, Duration idleTimeout, Duration clockLag, Clock clock, RelativeClock activity) {
        this.bound = bound.toMillis();
        this.idleTimeout = idleTimeout.toMillis();
        this.clockLag = clockLag.toMillis();
        this.clock = clock;
        this.activity = activity;
        this.lastEventAt = activity.relativeTimeMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastEventAt = activity.relativeTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - bound - 1;
        if (activity.relativeTimeMillis() - lastEventAt >= idleTimeout) {
            if (clockLag == 0) {
                idle = true;
                output.markIdle();
                return;
            }
            watermark = Math.max(watermark, clock.millis() - clockLag);
        }
        if (watermark > emitted || (idle && watermark >= emitted && emitted != Long.MIN_VALUE)) {
            emitted = Math.max(emitted, watermark);
            idle = false;
            output.emitWatermark(new Watermark(emitted));
        }
    }
}
