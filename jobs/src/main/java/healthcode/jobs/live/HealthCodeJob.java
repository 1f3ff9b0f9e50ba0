package healthcode.jobs.live;

import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PhoneEvent;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.HealthCodeOutputs;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live health-code job: the companion job's detections (timed by its progress markers) and the
 * records about persons and phones in; colour changes, current states, the detections with their
 * persons, and refused input out.
 */
public final class HealthCodeJob {
    private HealthCodeJob() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs,
                                      Source<LinkRecord, ?, ?> link, String linkTopic, HealthCodeOutputs outputs,
                                      HealthCodeEngine engine) {
        WatermarkStrategy<LinkRecord> byMarkers = WatermarkStrategy.<LinkRecord>forGenerator(ctx -> new LinkWatermarks())
                // event times travel in the records; the link's time comes from its markers alone
                .withTimestampAssigner((record, kafkaTimestamp) -> kafkaTimestamp);
        SingleOutputStreamOperator<PhoneEvent> detections = env.fromSource(link, byMarkers, "source-" + linkTopic)
                .uid("source-detections")
                .process(new LinkDecodeFunction(linkTopic), TypeInformation.of(PhoneEvent.class))
                .uid("decode-detections").name("decode-detections");
        HealthCodeWorkflow.defineWorkflow(env, inputs, outputs, engine, null, detections,
                List.of(detections.getSideOutput(DecodeFunction.REJECTED)));
    }
}
