package healthcode.jobs.live;

import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.kafka.LiveWatermarks;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry point, {@code <companions|health-codes> --config FILE}: what a cluster client
 * ({@code bin/healthcode submit}, {@code flink run}) runs to build a live job, and what
 * {@code bin/healthcode live} runs in its own JVM. Never exits the JVM: a client runs it in its own.
 */
public final class LiveJobMain {
    private LiveJobMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[1].equals("--config")) {
            throw new ConfigException("arguments: companions|health-codes --config FILE");
        }
        run(HealthCodeConfig.load(Path.of(args[2])), LiveJobs.Job.of(args[0]));
    }

    /** Defines the job on the execution environment of wherever this runs, and executes it. */
    public static void run(HealthCodeConfig config, LiveJobs.Job job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                LiveJobs.flinkConfig(config.live(), job));
        LiveJobs.define(env, config, job, LiveWatermarks.SYSTEM);
        env.execute(job.settings(config.live()).name());
    }
}
