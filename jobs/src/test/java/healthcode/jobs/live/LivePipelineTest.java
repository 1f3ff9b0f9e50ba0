package healthcode.jobs.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.config.LiveConfig;
import healthcode.jobs.kafka.LiveWatermarks;
import healthcode.jobs.kafka.TopicAdmin;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import healthcode.jobs.kafka.ScenarioProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both live jobs on a MiniCluster against a real broker: the same records give the backfill's output, and
 * hostile messages land in rejected while the jobs run on. (Lost TaskManagers, savepoints and upgrades:
 * ClusterDeploymentTest, on the standalone cluster.)
 */
class LivePipelineTest {
    private static final Duration WAIT = LiveKit.WAIT;

    private static MiniCluster cluster;

    /** A cluster of its own (the backfills make theirs): one TaskManager with a slot per job subtask. */
    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(flinkConfig())
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).build());
        cluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @TempDir
    Path temp;

    private final List<JobID> jobs = new ArrayList<>();

    private static Configuration flinkConfig() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        return conf;
    }

    /** Messages no feed should send: each must be rejected with a reason, and nothing else must change. */
    private static final List<String> HOSTILE = List.of(
            "{\"msisdn\": ",                                                  // bad JSON
            "[1, 2, 3]",                                                       // not an object
            "{\"msisdn\": 13900000000, \"ts\": \"yesterday\", \"lat\": \"north\"}", // wrong types
            "{\"personId\": \"p\", \"status\": \"PROMOTED\", \"at\": 1649462400000, \"result\": \"MAYBE\"}", // unknown enums
            "{\"personId\": \"" + "x".repeat(200_000) + "\"}",                 // huge value
            "\u0000\u0001 not text");

    @Test
    void theSameRecordsThroughKafkaGiveTheBackfillsOutputAndHostileMessagesAreRejected() throws Exception {
        Path input = temp.resolve("in");
        Files.createDirectories(input);
        try (Stream<Path> files = Files.list(LiveKit.HOME.resolve("demo").resolve("scenario"))) {
            for (Path file : files.toList()) {
                Files.copy(file, input.resolve(file.getFileName()));
            }
        }
        try (Stream<Path> files = Files.list(input)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                Files.write(file, HOSTILE, java.nio.file.StandardOpenOption.APPEND);
            }
        }
        Path expected = LiveKit.backfill(input, temp);
        LiveKit kit = LiveKit.start(temp);
        try {
            List<ScenarioProducer.Message> messages = new ArrayList<>(ScenarioProducer.messages(input, kit.live()));
            for (String topic : List.of("venues", "risk-areas")) {
                HOSTILE.forEach(raw -> messages.add(new ScenarioProducer.Message(kit.live().topic(topic), null, raw, 0)));
            }
            // even the link between the jobs may receive a stray message; an empty message is a record too
            messages.add(new ScenarioProducer.Message(kit.live().topic(LiveConfig.DETECTIONS), null, "{\"hello\": 1}", 0));
            messages.add(new ScenarioProducer.Message(kit.live().topic("case-status"), null, "", 0));
            kit.send(messages);
            JobID companions = kit.run(LiveJobs.Job.COMPANIONS, cluster);
            jobs.add(companions);
            JobID healthCodes = kit.run(LiveJobs.Job.HEALTH_CODES, cluster);
            jobs.add(healthCodes);

            kit.assertCommittedChangesAreTheBackfills(expected);

            for (String output : List.of("companions", "area-exposures")) {
                List<String> file = Files.readAllLines(expected.resolve(output + ".jsonl"));
                assertFalse(file.isEmpty(), output);
                assertEquals(LiveKit.sorted(file), LiveKit.sorted(kit.readCommitted(kit.live().topic(output),
                        seen -> seen.size() >= file.size(), WAIT)), output);
            }
            List<String> backfillRejected = Files.readAllLines(expected.resolve("rejected.jsonl"));
            int sentOnlyToKafka = 2 * HOSTILE.size() + 2;
            List<String> rejected = kit.readCommitted(kit.live().topic("rejected"),
                    seen -> seen.size() >= backfillRejected.size() + sentOnlyToKafka, WAIT);
            assertEquals(backfillRejected.size() + sentOnlyToKafka, rejected.size());
            assertTrue(rejected.containsAll(backfillRejected));
            assertTrue(rejected.contains("{\"source\":\"" + LiveConfig.DETECTIONS + "\",\"raw\":\"{\\\"hello\\\": 1}\","
                    + "\"reason\":\"not a record of the companion job (no healthcode.kind header)\"}"), rejected.toString());
            assertTrue(rejected.contains("{\"source\":\"case-status\",\"raw\":\"\",\"reason\":\"empty record\"}"),
                    rejected.toString());
            for (String topic : List.of("venues", "risk-areas")) {
                assertEquals(HOSTILE.size(), rejected.stream().filter(r -> LiveKit.text(r, "source").equals(topic)
                        && !LiveKit.text(r, "reason").isBlank()).count(), topic);
            }
            assertEquals(JobStatus.RUNNING, cluster.getJobStatus(companions).get());
            assertEquals(JobStatus.RUNNING, cluster.getJobStatus(healthCodes).get());
        } finally {
            cancel(jobs);
            kit.stop();
        }
    }

    @Test
    void topicsAreCreatedOnce_currentIsCompacted_andATransactionTimeoutOverTheBrokersMaximumStopsStartUp()
            throws Exception {
        LiveKit kit = LiveKit.start(temp);
        try (TopicAdmin admin = new TopicAdmin(kit.live())) {
            assertTrue(admin.createTopics().stream().allMatch(line -> line.startsWith("exists ")), "a second run creates nothing");
            assertEquals("compact", admin.config(kit.live().topic(LiveConfig.CURRENT), "cleanup.policy"));
            assertEquals("delete", admin.config(kit.live().topic("healthcode.changes"), "cleanup.policy"));
            HealthCodeConfig tooLong = LiveJobs.localConfig(LiveKit.HOME, temp.resolve("long"), Map.of(
                    "bootstrapServers", kit.kafka.bootstrapServers(), "transactionTimeoutMinutes", "20"));
            ConfigException e = assertThrows(ConfigException.class, () -> LiveJobs.define(
                    StreamExecutionEnvironment.getExecutionEnvironment(), tooLong, LiveJobs.Job.COMPANIONS,
                    LiveWatermarks.SYSTEM));
            assertEquals("live.transactionTimeoutMinutes (20) exceeds the broker's transaction.max.timeout.ms (900000 ms):"
                    + " lower it or raise the broker's", e.getMessage());
        } finally {
            kit.stop();
        }
    }

    private static void cancel(List<JobID> jobs) throws Exception {
        for (JobID job : jobs) {
            if (!cluster.getJobStatus(job).get().isGloballyTerminalState()) {
                cluster.cancelJob(job).get();
            }
        }
    }
}
