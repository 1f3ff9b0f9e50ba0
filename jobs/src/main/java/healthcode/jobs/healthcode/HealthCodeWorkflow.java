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
import healthcode.jobs.Streams;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The health-code job: raw records are decoded (bad ones to rejected), detections on phones are
 * handed to the phones' persons, and each person's records drive the colour engine.
 * Live and backfill runs differ only in the sources, sinks and horizon they pass in.
 */
public final class HealthCodeWorkflow {
    /** Streams of records about persons. */
    public static final List<HealthCodeInput<?, PersonEvent>> PERSON_INPUTS = List.of(
            HealthCodeInput.of(new InputDecoders.Cases(), PersonEvent::of),
            HealthCodeInput.of(new InputDecoders.CaseStatuses(), PersonEvent::of),
            HealthCodeInput.of(new InputDecoders.NatResults(), PersonEvent::of),
            HealthCodeInput.of(new InputDecoders.Arrivals(), PersonEvent::of),
            HealthCodeInput.of(new InputDecoders.AdminActions(), PersonEvent::of));

    /** Streams of records about phones: the real-name bindings (detections come from the companion job). */
    public static final List<HealthCodeInput<?, PhoneEvent>> PHONE_INPUTS = List.of(
            HealthCodeInput.of(new InputDecoders.Subscribers(), PhoneEvent::of));

    private HealthCodeWorkflow() {}

    /** The decoders of every input stream the job reads. */
    public static List<InputDecoder<?>> decoders() {
        List<InputDecoder<?>> decoders = new ArrayList<>();
        PERSON_INPUTS.forEach(input -> decoders.add(input.decoder()));
        PHONE_INPUTS.forEach(input -> decoders.add(input.decoder()));
        return decoders;
    }

    /**
     * @param horizon backfill horizon (nothing after it is applied; the state at it goes to current),
     *     or null for a live run
     * @param detections companion detections and area exposures about phones, or null when there are none
     * @param rejectedUpstream input refused before this job (by the companion job), written with its own
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs,
                                      HealthCodeOutputs outputs, HealthCodeEngine engine, Long horizon,
                                      DataStream<PhoneEvent> detections, List<DataStream<Rejection>> rejectedUpstream) {
        Decoded<PersonEvent> persons = new Decoded<>(TypeInformation.of(PersonEvent.class));
        PERSON_INPUTS.forEach(input -> persons.add(env, inputs, input));
        Decoded<PhoneEvent> phones = new Decoded<>(TypeInformation.of(PhoneEvent.class));
        PHONE_INPUTS.forEach(input -> phones.add(env, inputs, input));

        if (detections != null) {
            phones.events.add(detections);
        }
        List<DataStream<PersonEvent>> personStreams = new ArrayList<>(persons.events);
        if (!phones.events.isEmpty()) {
            SingleOutputStreamOperator<PersonEvent> bound = Streams.union(phones.events)
                    .keyBy(e -> e.msisdn, Types.STRING)
                    .process(new SubscriberBindingFunction(), TypeInformation.of(PersonEvent.class))
                    .uid("subscriber-binding").name("subscriber-binding");
            personStreams.add(bound);
            bound.getSideOutput(SubscriberBindingFunction.COMPANIONS).sinkTo(outputs.companions())
                    .uid("sink-companions").name("sink-companions");
            bound.getSideOutput(SubscriberBindingFunction.AREA_EXPOSURES).sinkTo(outputs.areaExposures())
                    .uid("sink-area-exposures").name("sink-area-exposures");
        }
        if (!personStreams.isEmpty()) {
            SingleOutputStreamOperator<ColourChange> changes = Streams.union(personStreams)
                    .keyBy(e -> e.personId, Types.STRING)
                    .process(new HealthCodeFunction(engine, horizon), TypeInformation.of(ColourChange.class))
                    .uid("health-code").name("health-code");
            changes.sinkTo(outputs.changes()).uid("sink-changes").name("sink-changes");
            changes.getSideOutput(HealthCodeFunction.CURRENT).sinkTo(outputs.current())
                    .uid("sink-current").name("sink-current");
        }
        List<DataStream<Rejection>> rejections = new ArrayList<>(persons.rejected);
        rejections.addAll(phones.rejected);
        rejections.addAll(rejectedUpstream);
        if (!rejections.isEmpty()) {
            Streams.sinkRejected(rejections, outputs.rejected());
        }
    }

    /** The decoded events of several input streams, and their rejections. */
    private static final class Decoded<E> {
        final TypeInformation<E> type;
        final List<DataStream<E>> events = new ArrayList<>();
        final List<DataStream<Rejection>> rejected = new ArrayList<>();

        Decoded(TypeInformation<E> type) {
            this.type = type;
        }

        <T> void add(StreamExecutionEnvironment env, HealthCodeInputs inputs, HealthCodeInput<T, E> input) {
            InputStreamKind kind = input.decoder().kind();
            inputs.stream(env, kind).ifPresent(raw -> {
                SingleOutputStreamOperator<E> decoded = raw
                        .process(new DecodeFunction<>(input.decoder(), input.toEvent()), type)
                        .uid("decode-" + kind.topic()).name("decode-" + kind.topic());
                events.add(decoded);
                rejected.add(decoded.getSideOutput(DecodeFunction.REJECTED));
            });
        }
    }
}
