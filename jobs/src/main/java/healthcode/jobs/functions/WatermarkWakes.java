package healthcode.jobs.functions;

import org.apache.flink.streaming.api.TimerService;

/**
 * What the watermark-waking operators share: at each watermark, before the function's own timers fire and before
 * the watermark goes on, every key whose earliest waiting event (in the function's {@link EventTimeBuffer}) the
 * watermark has passed gets the {@code onTimer} call a timer at that time would have made. While they do, the
 * function's timer service tells that watermark as the current one.
 */
final class WatermarkWakes<K> {
    /** A function that keeps its waiting events in an {@link EventTimeBuffer}. */
    public interface Buffered<K> {
        EventTimeBuffer<K, ?> eventTimeBuffer();
    }

    /** Makes the key current and calls the function's {@code onTimer} at {@code at}. */
    interface Wake<K> {
        void wake(K key, long at) throws Exception;
    }

    private final EventTimeBuffer<K, ?> buffer;
    private final WakeTimers timers;

    WatermarkWakes(Object function, TimerService timers) {
        @SuppressWarnings("unchecked")
        Buffered<K> buffered = (Buffered<K>) function;
        this.buffer = buffered.eventTimeBuffer();
        this.buffer.wakeOnWatermark();
        this.timers = new WakeTimers(timers);
    }

    /** The function's timers, to hand it in the wake-up's context. */
    TimerService timers() {
        return timers;
    }

    void wakeAll(long watermark, Wake<K> wake) throws Exception {
        timers.watermark = watermark;
        try {
            for (EventTimeBuffer.Due<K> due = buffer.nextDue(watermark); due != null; due = buffer.nextDue(watermark)) {
                wake.wake(due.key(), due.at());
            }
        } finally {
            timers.watermark = null;
        }
    }

    private static final class WakeTimers implements TimerService {
        private final TimerService timers;
        private Long watermark;

        WakeTimers(TimerService timers) {
            this.timers = timers;
        }

        @Override
        public long currentWatermark() {
            return watermark != null ? watermark : timers.currentWatermark();
        }

        @Override
        public long currentProcessingTime() {
            return timers.currentProcessingTime();
        }

        @Override
        public void registerEventTimeTimer(long time) {
            timers.registerEventTimeTimer(time);
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            timers.registerProcessingTimeTimer(time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.deleteEventTimeTimer(time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            timers.deleteProcessingTimeTimer(time);
        }
    }
}
