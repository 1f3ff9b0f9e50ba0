package healthcode.jobs.functions;

import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PhoneBindings;
import healthcode.common.engine.PhoneEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.CompanionDetection;

/**
 * Keyed by phone: keeps the phone's real-name bindings and hands each companion detection or area
 * exposure on to the persons bound at its event time. State: the bound persons (an unbinding removes
 * its entry, so a phone with no binding holds nothing) and the records waiting for the watermark.
 */
public class SubscriberBindingFunction extends KeyedProcessFunction<String, PhoneEvent, PersonEvent>
        implements CheckpointedFunction {
    /** Companion detections with the persons they were handed to (the {@code companions} output). */
    public static final OutputTag<CompanionDetection> COMPANIONS = new OutputTag<>("companions",
            TypeInformation.of(CompanionDetection.class));
    /** Area exposures with the persons they were handed to (the {@code area-exposures} output). */
    public static final OutputTag<AreaExposure> AREA_EXPOSURES = new OutputTag<>("area-exposures",
            TypeInformation.of(AreaExposure.class));

    private transient MapState<String, Long> boundSince;
    private transient EventTimeBuffer<String, PhoneEvent> waiting;
    /** Where the first state version kept waiting records; read only after a restore from it. */
    private transient PendingRecords<PhoneEvent> pendingInFirstVersion;

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        waiting = new EventTimeBuffer<>(context, getRuntimeContext(), "waiting-phone-records", Types.STRING,
                TypeInformation.of(PhoneEvent.class), e -> e.eventTime, null);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        waiting.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        boundSince = getRuntimeContext().getMapState(new MapStateDescriptor<>("bound-persons", Types.STRING, Types.LONG));
        pendingInFirstVersion = new PendingRecords<>(getRuntimeContext(), "pending-phone-records",
                TypeInformation.of(PhoneEvent.class));
    }

    @Override
    public void processElement(PhoneEvent event, Context ctx, Collector<PersonEvent> out) throws Exception {
        if (event.eventTime <= ctx.timerService().currentWatermark()) {
            apply(List.of(event), ctx, out);
            return;
        }
        waiting.add(ctx.getCurrentKey(), event, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PersonEvent> out) throws Exception {
        apply(waiting.takeAt(ctx.getCurrentKey(), timestamp, ctx.timerService(), pendingInFirstVersion), ctx, out);
    }

    private void apply(List<PhoneEvent> events, Context ctx, Collector<PersonEvent> out) throws Exception {
        List<PhoneEvent> ordered = new ArrayList<>(events);
        ordered.sort(PhoneBindings.ORDER);
        for (PhoneEvent e : ordered) {
            if (e.kind == PhoneEvent.Kind.BINDING) {
                if (e.binding.unbound()) {
                    boundSince.remove(e.binding.personId());
                } else {
                    boundSince.put(e.binding.personId(), e.binding.at());
                }
            } else {
                List<String> bound = new ArrayList<>();
                boundSince.keys().forEach(bound::add);
                List<PersonEvent> persons = PhoneBindings.toPersons(e, bound);
                List<String> personIds = persons.stream().map(p -> p.personId).toList();
                if (e.kind == PhoneEvent.Kind.COMPANION) {
                    ctx.output(COMPANIONS, e.companion.withPersons(personIds));
                } else {
                    ctx.output(AREA_EXPOSURES, e.areaExposure.withPersons(personIds));
                }
                persons.forEach(out::collect);
            }
        }
    }

    /** Keys with records waiting for the watermark (for tests: the buffer empties as its keys' state does). */
    int keysWaiting() {
        return waiting.keysWaiting();
    }
}
