package healthcode.jobs.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.workload.WorkloadGenerator;
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
import java.util.HashMap;
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
 * Both live jobs on a MiniCluster against a real broker: the same records give the backfill's output,
 * hostile messages land in rejected while the jobs run on, and a lost TaskManager changes nothing.
 */
class LivePipelineTest {
    private static final Duration WAIT = Duration.ofMinutes(4);

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
        Path expected = backfill(input);
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

            assertCommittedChangesAreTheBackfills(kit, expected);

            for (String output : List.of("companions", "area-exposures")) {
                List<String> file = Files.readAllLines(expected.resolve(output + ".jsonl"));
                assertFalse(file.isEmpty(), output);
                assertEquals(sorted(file), sorted(kit.readCommitted(kit.live().topic(output),
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
    void aLostTaskManagerRestartsTheJobsFromTheirCheckpointsWithoutLosingOrRepeatingAChange() throws Exception {
        Path input = temp.resolve("city");
        Files.createDirectories(input);
        WorkloadGenerator.write(input, WorkloadGenerator.Settings.of(300, 3, 7).withOutbreak(300, 200),
                Path.of("..", "..", "shared", "data", "guangxi-counties.geojson"));
        Path expected = backfill(input);
        List<String> backfillChanges = Files.readAllLines(expected.resolve("changes.jsonl"));
        assertTrue(backfillChanges.size() > 20, "a scenario with changes");
        // live, towers come from the configured table; a backfill reads the input folder's towers.csv
        LiveKit kit = LiveKit.start(temp, Map.of("towerTable", input.resolve("towers.csv").toAbsolutePath().toString()));
        try {
            kit.send(ScenarioProducer.messages(input, kit.live()));
            jobs.add(kit.run(LiveJobs.Job.COMPANIONS, cluster));
            jobs.add(kit.run(LiveJobs.Job.HEALTH_CODES, cluster));
            // mid-stream: the companion job has committed progress through its first day, not its last
            long firstDay = WorkloadGenerator.START + Duration.ofDays(1).toMillis();
            kit.readCommitted(kit.live().topic(LiveConfig.DETECTIONS),
                    seen -> seen.stream().anyMatch(v -> v.startsWith("{\"progress\"") && LiveKit.time(v, "progress") > firstDay),
                    WAIT);
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();

            assertCommittedChangesAreTheBackfills(kit, expected);
            for (JobID job : jobs) {
                assertNotNull(cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint(), "the job restarted from a checkpoint");
            }
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

    private Path backfill(Path input) throws Exception {
        Path output = temp.resolve("backfill-" + input.getFileName());
        Path configFile = LiveKit.HOME.resolve("config").resolve("healthcode.yaml");
        BackfillJob.run(new BackfillArguments(input, output, null, null, configFile),
                HealthCodeConfig.load(configFile));
        return output;
    }

    /**
     * Waits for the live changes up to the backfill's last one, then reads the whole topic with Kafka's
     * console consumer: up to that time it holds the backfill's changes, and each person's seq runs 1, 2, 3...
     * (later changes come from timers the live run fires as its clock runs on).
     */
    private static void assertCommittedChangesAreTheBackfills(LiveKit kit, Path backfill) throws Exception {
        List<String> backfillChanges = Files.readAllLines(backfill.resolve("changes.jsonl"));
        long horizon = horizonOf(backfill);
        List<String> committed = kit.readCommitted(kit.live().topic("healthcode.changes"),
                seen -> upTo(seen, horizon).size() >= backfillChanges.size(), WAIT);
        List<String> changes = kit.consoleConsumer(kit.live().topic("healthcode.changes"), committed.size());
        assertEquals(sorted(backfillChanges), sorted(upTo(changes, horizon)));
        assertSeqUnbroken(changes);
    }

    /** The time of the backfill's last change. */
    private static long horizonOf(Path output) throws Exception {
        return Files.readAllLines(output.resolve("changes.jsonl")).stream()
                .mapToLong(c -> LiveKit.time(c, "at")).max().orElseThrow();
    }

    private static List<String> upTo(List<String> changes, long horizon) {
        return changes.stream().filter(c -> LiveKit.time(c, "at") <= horizon).toList();
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    /** As the health-code service sees them: per person, seq 1, 2, 3... with no gap and no repeat. */
    private static void assertSeqUnbroken(List<String> changes) {
        Map<String, Long> last = new HashMap<>();
        for (String change : changes) {
            String person = LiveKit.text(change, "personId");
            long seq = Long.parseLong(LiveKit.text(change, "seq"));
            assertEquals(last.getOrDefault(person, 0L) + 1, seq, "seq of a person");
            last.put(person, seq);
        }
    }
}
