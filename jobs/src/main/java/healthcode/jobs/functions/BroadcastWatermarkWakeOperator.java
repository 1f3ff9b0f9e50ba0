package healthcode.jobs.functions;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * {@link WatermarkWakeOperator} for a keyed function with broadcast state: Flink's keyed-broadcast operator, whose
 * keys a watermark wakes from the function's {@link EventTimeBuffer} instead of a timer each. Applied to a keyed
 * stream connected with a broadcast one ({@code ConnectedStreams.transform}), as Flink's own translation does.
 */
public final class BroadcastWatermarkWakeOperator<K, IN1, IN2, OUT> extends CoBroadcastWithKeyedOperator<K, IN1, IN2, OUT> {
    private static final long serialVersionUID = 1L;

    private transient WatermarkWakes<K> wakes;
    private transient TimestampedCollector<OUT> out;
    private transient WakeContext context;
    private transient long wakeTime;

    private BroadcastWatermarkWakeOperator(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
                                           List<MapStateDescriptor<?, ?>> broadcastStates) {
        super(function, broadcastStates);
    }

    public static <K, IN1, IN2, OUT, F extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> & WatermarkWakes.Buffered<K>>
            BroadcastWatermarkWakeOperator<K, IN1, IN2, OUT> of(F function, MapStateDescriptor<?, ?> broadcastState) {
        return new BroadcastWatermarkWakeOperator<>(function, List.of(broadcastState));
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

    private final class WakeContext extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
        WakeContext(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function) {
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
        public long currentProcessingTime() {
            return wakes.timers().currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return wakes.timers().currentWatermark();
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, new StreamRecord<>(value, wakeTime));
        }

        @Override
        public <KB, V> ReadOnlyBroadcastState<KB, V> getBroadcastState(MapStateDescriptor<KB, V> descriptor) {
            try {
                return getOperatorStateBackend().getBroadcastState(descriptor);
            } catch (Exception e) {
                throw new IllegalStateException("broadcast state " + descriptor.getName(), e);
            }
        }

        @Override
        public TimeDomain timeDomain() {
            return TimeDomain.EVENT_TIME;
        }

        @Override
        @SuppressWarnings("unchecked")
        public K getCurrentKey() {
            return (K) BroadcastWatermarkWakeOperator.this.getCurrentKey();
        }
    }
}
