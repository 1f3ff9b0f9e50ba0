package healthcode.jobs.functions;

import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Runs a keyed function whose events wait in an {@link EventTimeBuffer} and wakes its keys itself at each watermark
 * ({@link WatermarkWakes}). A timer per key and wake-up (nearly one per ping) cost a write and a delete in RocksDB and
 * most of the stay builder's time in the timer queue (BENCHMARKS.md); the buffer keeps its wake-ups on the heap
 * instead, rebuilt from its checkpointed events on restore. For functions that apply everything the watermark has
 * passed whichever of their timers wakes them: the order between a key's own timers and its buffered events is not
 * kept. Timers set by an earlier version still fire, and find the events taken.
 */
public final class WatermarkWakeOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {
    private static final long serialVersionUID = 1L;

    private transient WatermarkWakes<K> wakes;
    private transient TimestampedCollector<OUT> out;
    private transient WakeContext context;
    private transient long wakeTime;

    private WatermarkWakeOperator(KeyedProcessFunction<K, IN, OUT> function) {
        super(function);
    }

    public static <K, IN, OUT, F extends KeyedProcessFunction<K, IN, OUT> & WatermarkWakes.Buffered<K>>
            WatermarkWakeOperator<K, IN, OUT> of(F function) {
        return new WatermarkWakeOperator<>(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        wakes = new WatermarkWakes<>(userFunction, new SimpleTimerService(
                getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this)));
        out = new TimestampedCollector<>(output);
        context = new WakeContext(userFunction);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        wakes.wakeAll(mark.getTimestamp(), (key, at) -> {
            setCurrentKey(key);
            wakeTime = at;
            out.setAbsoluteTimestamp(at);
            userFunction.onTimer(at, context, out);
        });
        super.processWatermark(mark);
    }

    private final class WakeContext extends KeyedProcessFunction<K, IN, OUT>.OnTimerContext {
        WakeContext(KeyedProcessFunction<K, IN, OUT> function) {
            function.super();
        }

        @Override
        public Long timestamp() {
            return wakeTime;
        }

        @Override
        public TimerService timerService() {
            return wakes.timers();
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, new StreamRecord<>(value, wakeTime));
        }

        @Override
        public TimeDomain timeDomain() {
            return TimeDomain.EVENT_TIME;
        }

        @Override
        @SuppressWarnings("unchecked")
        public K getCurrentKey() {
            return (K) WatermarkWakeOperator.this.getCurrentKey();
        }
    }
}
