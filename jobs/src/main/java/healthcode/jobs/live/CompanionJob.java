package healthcode.jobs.live;

import healthcode.common.companions.CompanionSettings;
import healthcode.common.domain.Rejection;
import healthcode.common.geo.TowerTable;
import healthcode.jobs.Streams;
import healthcode.jobs.companions.CompanionWorkflow;
import healthcode.jobs.healthcode.HealthCodeInputs;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live companion job: pings, venues, risk areas and cases in; detections with progress markers to
 * the health-code job, and the input it refused, out.
 */
public final class CompanionJob {
    /** Where the job writes, and how the link is marked: its partition count and the progress step. */
    public record Outputs(Sink<LinkRecord> link, int linkPartitions, Duration progressStep, Sink<Rejection> rejected) {}

    private CompanionJob() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs, Outputs outputs,
                                      CompanionSettings settings, TowerTable towers) {
        CompanionWorkflow.Result result = CompanionWorkflow.defineWorkflow(env, inputs, settings, towers);
        if (result.detections() == null) {
            throw new IllegalArgumentException("the live companion job needs the pings stream");
        }
        result.detections()
                .transform("progress-markers", TypeInformation.of(LinkRecord.class),
                        new ProgressMarkers(outputs.linkPartitions(), outputs.progressStep().toMillis()))
                .uid("progress-markers")
                .sinkTo(outputs.link()).uid("sink-detections").name("sink-detections");
        Streams.sinkRejected(result.rejected(), outputs.rejected());
    }
}
