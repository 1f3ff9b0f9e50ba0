package healthcode.jobs.healthcode;

import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.InputStreamKind;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.Rejection;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PhoneEvent;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.functions.HealthCodeFunction;
import healthcode.jobs.functions.SubscriberBindingFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The health-code job: raw records are decoded (bad ones to rejected), detections on phones are
 * handed to the phones' persons, and each person's records drive the colour engine.
 * Live and backfill runs differ only in the sources, sinks and horizon they pass in.
 */
public final class HealthCodeWorkflow {
    private HealthCodeWorkflow() {}

    /**
     * @param horizon backfill horizon (nothing after it is applied; the state at it goes to current),
     *     or null for a live run
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs,
                                      HealthCodeOutputs outputs, HealthCodeEngine engine, Long horizon) {
        Decoded<PersonEvent> persons = new Decoded<>(TypeInformation.of(PersonEvent.class));
        persons.add(env, inputs, new InputDecoders.Cases(), PersonEvent::of);
        persons.add(env, inputs, new InputDecoders.CaseStatuses(), PersonEvent::of);
        persons.add(env, inputs, new InputDecoders.NatResults(), PersonEvent::of);
        persons.add(env, inputs, new InputDecoders.Arrivals(), PersonEvent::of);
        persons.add(env, inputs, new InputDecoders.AdminActions(), PersonEvent::of);

        Decoded<PhoneEvent> phones = new Decoded<>(TypeInformation.of(PhoneEvent.class));
        phones.add(env, inputs, new InputDecoders.Subscribers(), PhoneEvent::of);
        phones.add(env, inputs, new InputDecoders.Companions(), PhoneEvent::of);
        phones.add(env, inputs, new InputDecoders.AreaExposures(), PhoneEvent::of);

        List<DataStream<PersonEvent>> personStreams = new ArrayList<>(persons.events);
        if (!phones.events.isEmpty()) {
            personStreams.add(union(phones.events)
                    .keyBy(e -> e.msisdn, Types.STRING)
                    .process(new SubscriberBindingFunction(), TypeInformation.of(PersonEvent.class))
                    .uid("subscriber-binding").name("subscriber-binding"));
        }
        if (!personStreams.isEmpty()) {
            SingleOutputStreamOperator<ColourChange> changes = union(personStreams)
                    .keyBy(e -> e.personId, Types.STRING)
                    .process(new HealthCodeFunction(engine, horizon), TypeInformation.of(ColourChange.class))
                    .uid("health-code").name("health-code");
            changes.sinkTo(outputs.changes()).uid("sink-changes").name("sink-changes");
            changes.getSideOutput(HealthCodeFunction.CURRENT).sinkTo(outputs.current())
                    .uid("sink-current").name("sink-current");
        }
        List<DataStream<Rejection>> rejections = new ArrayList<>(persons.rejected);
        rejections.addAll(phones.rejected);
        if (!rejections.isEmpty()) {
            union(rejections).sinkTo(outputs.rejected()).uid("sink-rejected").name("sink-rejected");
        }
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }

    /** The decoded events of several input streams, and their rejections. */
    private static final class Decoded<E> {
        final TypeInformation<E> type;
        final List<DataStream<E>> events = new ArrayList<>();
        final List<DataStream<Rejection>> rejected = new ArrayList<>();

        Decoded(TypeInformation<E> type) {
            this.type = type;
        }

        <T> void add(StreamExecutionEnvironment env, HealthCodeInputs inputs, InputDecoder<T> decoder,
                     SerializableFunction<T, E> toEvent) {
            InputStreamKind kind = decoder.kind();
            inputs.stream(env, kind).ifPresent(raw -> {
                SingleOutputStreamOperator<E> decoded = raw
                        .process(new DecodeFunction<>(decoder, toEvent), type)
                        .uid("decode-" + kind.topic()).name("decode-" + kind.topic());
                events.add(decoded);
                rejected.add(decoded.getSideOutput(DecodeFunction.REJECTED));
            });
        }
    }
}
