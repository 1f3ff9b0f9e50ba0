package healthcode.jobs.live;

import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.Rejection;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.jobs.StateBackends;
import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.config.LiveConfig;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.HealthCodeOutputs;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import healthcode.jobs.healthcode.SourceSpec;
import healthcode.jobs.kafka.JsonRecords;
import healthcode.jobs.kafka.KafkaConnectors;
import healthcode.jobs.kafka.LiveWatermarks;
import healthcode.jobs.kafka.RawRecords;
import healthcode.jobs.kafka.TopicAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.graph.StreamGraph;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The two live jobs on Kafka: checks the broker, builds the Kafka sources and exactly-once sinks the
 * configuration names, and hands them to the jobs' workflows.
 */
public final class LiveJobs {
    /** The live jobs, by the name the command line uses. */
    public enum Job {
        COMPANIONS("companions"), HEALTH_CODES("health-codes");

        public final String command;

        Job(String command) {
            this.command = command;
        }

        public static Job of(String command) {
            for (Job job : values()) {
                if (job.command.equals(command)) {
                    return job;
                }
            }
            throw new ConfigException("unknown live job '" + command + "'; jobs: companions, health-codes");
        }

        public LiveConfig.Job settings(LiveConfig live) {
            return this == COMPANIONS ? live.companionJob() : live.healthCodeJob();
        }
    }

    /** The companion job's input streams, by the decoders that read their event times. */
    public static final List<InputDecoder<?>> COMPANION_INPUTS = List.of(new InputDecoders.Pings(),
            new InputDecoders.Venues(), new InputDecoders.RiskAreas(), new InputDecoders.Cases());

    private LiveJobs() {}

    /** Flink settings of a live job: parallelism, exactly-once checkpoints, state backend and restarts. */
    public static Configuration flinkConfig(LiveConfig live, Job job) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.NAME, job.settings(live).name());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, job.settings(live).parallelism());
        conf.set(PipelineOptions.MAX_PARALLELISM, job.settings(live).maxParallelism());
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, live.watermarkInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, live.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, live.checkpointTimeout());
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, live.checkpointDirectory() + "/" + job.settings(live).name());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, live.savepointDirectory() + "/" + job.settings(live).name());
        // kept on cancellation, so a job stopped by mistake resumes from its last checkpoint
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        StateBackends.configureLive(conf, live.stateBackend(), live.heapEventsPerSubtask());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, live.restartAttempts());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, live.restartDelay());
        return conf;
    }

    /**
     * The project's configuration with some settings replaced (by key, e.g. {@code intervalSeconds}), written
     * into {@code folder} and loaded: how the demo and the tests point the jobs at a local broker.
     */
    public static HealthCodeConfig localConfig(Path home, Path folder, Map<String, String> settings) throws IOException {
        Path config = home.resolve("config");
        String yaml = Files.readString(config.resolve("healthcode.yaml"));
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.putIfAbsent("editions", config.resolve("editions").toAbsolutePath().toString());
        for (Map.Entry<String, String> setting : all.entrySet()) {
            // a setting commented out in the shipped file is set by uncommenting it
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^(\\s*)(?:# )?" + setting.getKey() + ": .*$")
                    .matcher(yaml);
            if (!line.find()) {
                throw new IllegalArgumentException("no setting " + setting.getKey() + " in " + config);
            }
            yaml = line.replaceFirst("$1" + setting.getKey() + ": " + java.util.regex.Matcher.quoteReplacement(setting.getValue()));
        }
        Path file = folder.resolve("healthcode.yaml");
        Files.createDirectories(folder);
        Files.writeString(file, yaml);
        return HealthCodeConfig.load(file);
    }

    /** Defines a live job and submits it to a cluster in this JVM (the demo's and the tests'). */
    public static JobID submit(MiniCluster cluster, HealthCodeConfig config, Job job, LiveWatermarks.Clock clock)
            throws Exception {
        return submit(cluster, config, job, clock, null);
    }

    /** The same, resumed from a savepoint (or none: null). */
    public static JobID submit(MiniCluster cluster, HealthCodeConfig config, Job job, LiveWatermarks.Clock clock,
                               String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                flinkConfig(config.live(), job));
        define(env, config, job, clock);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(job.settings(config.live()).name());
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return cluster.submitJob(graph).get().getJobID();
    }

    /** The input topics each job's consumer group (the job's name) reads from the bureau's feeds. */
    public static Map<String, List<String>> inputTopicsByGroup(LiveConfig live) {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        for (Job job : Job.values()) {
            topics.put(job.settings(live).name(), inputs(job).stream().map(d -> live.topic(d.kind().topic())).toList());
        }
        return topics;
    }

    private static List<InputDecoder<?>> inputs(Job job) {
        return job == Job.COMPANIONS ? COMPANION_INPUTS : HealthCodeWorkflow.decoders();
    }

    /** Checks the broker and topics, then defines the job's workflow on {@code env}. */
    public static void define(StreamExecutionEnvironment env, HealthCodeConfig config, Job job,
                              LiveWatermarks.Clock clock) throws InterruptedException {
        LiveConfig live = config.live();
        int linkPartitions = checkBroker(live);
        OutputEncoder encoder = new OutputEncoder(config.outputZone());
        LiveConfig.Job settings = job.settings(live);
        HealthCodeInputs inputs = new HealthCodeInputs();
        for (InputDecoder<?> decoder : inputs(job)) {
            String topic = live.topic(decoder.kind().topic());
            inputs.with(decoder.kind(), new SourceSpec(KafkaConnectors.source(live, settings, topic, new RawRecords()),
                    KafkaConnectors.watermarks(live, decoder, clock)));
        }
        KafkaSink<Rejection> rejected = KafkaConnectors.exactlyOnce(live, settings, "rejected", new JsonRecords<Rejection>(
                live.topic("rejected"), r -> null, encoder::rejection));
        if (job == Job.COMPANIONS) {
            CompanionJob.defineWorkflow(env, inputs, new CompanionJob.Outputs(
                    KafkaConnectors.exactlyOnce(live, settings, "detections", new LinkSerialization.Writer(live.topic(LiveConfig.DETECTIONS),
                            config.outputZone())), linkPartitions, live.progressStep(), rejected),
                    config.companions(), config.readTowerTable());
        } else {
            HealthCodeOutputs outputs = new HealthCodeOutputs(
                    KafkaConnectors.exactlyOnce(live, settings, "changes", new JsonRecords<ColourChange>(live.topic("healthcode.changes"),
                            c -> c.personId(), encoder::change)),
                    KafkaConnectors.exactlyOnce(live, settings, "current", new JsonRecords<CurrentState>(live.topic(LiveConfig.CURRENT),
                            s -> s.personId(), encoder::current)),
                    rejected,
                    KafkaConnectors.exactlyOnce(live, settings, "companions", new JsonRecords<CompanionDetection>(live.topic("companions"),
                            d -> d.msisdn(), encoder::companion)),
                    KafkaConnectors.exactlyOnce(live, settings, "area-exposures", new JsonRecords<AreaExposure>(live.topic("area-exposures"),
                            a -> a.msisdn(), encoder::areaExposure)));
            EditionBook book = new EditionBook(EditionLoader.loadFolder(config.editionsFolder()), null);
            HealthCodeJob.defineWorkflow(env, inputs, KafkaConnectors.source(live, settings, live.topic(LiveConfig.DETECTIONS),
                    new LinkSerialization.Reader()), live.topic(LiveConfig.DETECTIONS), outputs,
                    new HealthCodeEngine(book, config.engine()));
        }
    }

    /**
     * Every topic exists, and the broker allows the transaction timeout; returns the link's partition count.
     */
    private static int checkBroker(LiveConfig live) throws InterruptedException {
        try (TopicAdmin admin = new TopicAdmin(live)) {
            int linkPartitions = 0;
            for (String topic : LiveConfig.TOPICS) {
                int partitions = admin.partitions(live.topic(topic));
                linkPartitions = topic.equals(LiveConfig.DETECTIONS) ? partitions : linkPartitions;
            }
            long max = admin.maxTransactionTimeoutMs();
            if (live.transactionTimeout().toMillis() > max) {
                throw new ConfigException("live.transactionTimeoutMinutes (" + live.transactionTimeout().toMinutes()
                        + ") exceeds the broker's transaction.max.timeout.ms (" + max + " ms): lower it or raise the broker's");
            }
            return linkPartitions;
        }
    }

}
