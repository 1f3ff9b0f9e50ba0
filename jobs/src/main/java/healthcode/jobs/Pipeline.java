package healthcode.jobs;

import healthcode.common.companions.CompanionSettings;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.geo.TowerTable;
import healthcode.jobs.companions.CompanionWorkflow;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.HealthCodeOutputs;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Both jobs in one job graph: the companion job's detections feed the health-code job. */
public final class Pipeline {
    private Pipeline() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, HealthCodeInputs inputs, HealthCodeOutputs outputs,
                                      HealthCodeEngine engine, Long horizon, CompanionSettings companions,
                                      TowerTable towers) {
        CompanionWorkflow.Result detected = CompanionWorkflow.defineWorkflow(env, inputs, companions, towers);
        HealthCodeWorkflow.defineWorkflow(env, inputs, outputs, engine, horizon, detected.detections(),
                detected.rejected());
    }
}
