package healthcode.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.config.LiveConfig;
import healthcode.jobs.kafka.ScenarioProducer;
import healthcode.jobs.kafka.TopicAdmin;
import healthcode.jobs.live.LiveJobs;
import healthcode.jobs.live.LiveKit;
import healthcode.jobs.local.LocalFlink;
import healthcode.jobs.workload.WorkloadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both live jobs submitted as the job jar to a standalone Flink cluster (JobManager and TaskManager JVMs on
 * config/flink, as {@code bin/healthcode cluster start} runs them) against a real broker: what clusters do
 * to jobs (a TaskManager killed, a stop with a savepoint, a resume at another parallelism with a new rule
 * edition) neither loses nor repeats a colour change.
 */
class ClusterDeploymentTest {
    private static final Path COUNTIES = Path.of("..", "..", "shared", "data", "guangxi-counties.geojson");
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    static Path clusterFolder;
    static LocalFlink cluster;
    static ClusterJobs client;

    @TempDir
    Path temp;
    private final List<JobID> jobs = new ArrayList<>();
    private LiveKit kit;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalFlink.start(LiveKit.HOME, clusterFolder, 0, 1, Map.of(), false);
        client = ClusterJobs.connect(cluster.restUrl());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        client.close();
        LocalFlink.stop(clusterFolder);
        // kept for a look after a failure
        Path logs = Files.createDirectories(Path.of("target", "flink-logs"));
        try (Stream<Path> files = Files.list(clusterFolder.resolve("logs"))) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The jobs first: a job cancelled after its broker has gone waits a minute to abort its transactions. */
    @AfterEach
    void cancelJobsThenStopTheBroker() throws Exception {
        for (JobID job : jobs) {
            if (!client.status(job).isGloballyTerminalState()) {
                client.cancel(job);
            }
        }
        if (kit != null) {
            kit.stop();
        }
    }

    @Test
    void aTaskManagerKilledMidStreamIsReplacedAndTheCommittedChangesAreTheBackfills() throws Exception {
        Path input = province(temp.resolve("province"), 3, 7);
        Path expected = LiveKit.backfill(input, temp);
        kit = LiveKit.start(temp.resolve("live"), towerTable(input));
        kit.send(ScenarioProducer.messages(input, kit.live()));
        jobs.add(submit(kit, kit.configFile, LiveJobs.Job.COMPANIONS, null));
        jobs.add(submit(kit, kit.configFile, LiveJobs.Job.HEALTH_CODES, null));
        awaitCompanionProgress(kit, WorkloadGenerator.START + DAY);

        ProcessHandle taskManager = cluster.taskManagers().get(0);
        taskManager.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the JobManager
        taskManager.onExit().get();
        cluster.startTaskManager(false);

        kit.assertCommittedChangesAreTheBackfills(expected);
        for (JobID job : jobs) {
            JsonNode restored = cluster.rest("/jobs/" + job + "/checkpoints").path("latest").path("restored");
            assertFalse(restored.isMissingNode() || restored.isNull(), "the job restarted from a checkpoint");
        }
        // the idle clock has run on past every retention: the persons and episodes the metrics count (carried
        // over the restart in operator state) are those still open in each person's last current state
        JobID healthCodes = jobs.get(1);
        long deadline = System.nanoTime() + LiveKit.WAIT.toNanos();
        List<Long> expectedOpen = openInCurrent();
        while (!expectedOpen.equals(List.of(metric(healthCodes, "health-code", ".healthcode.persons"),
                metric(healthCodes, "health-code", ".healthcode.episodesOpen"))) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            expectedOpen = openInCurrent();
        }
        assertEquals(expectedOpen, List.of(metric(healthCodes, "health-code", ".healthcode.persons"),
                metric(healthCodes, "health-code", ".healthcode.episodesOpen")), "persons and episodes in state");
        assertTrue(metric(healthCodes, "health-code", ".changes") > 0, "changes counted by colour");
    }

    @Test
    void stoppedWithSavepointsTheJobsResumeAtAnotherParallelismAndANewEditionRulesFromItsDate() throws Exception {
        Path input = province(temp.resolve("province"), 6, 11);
        long editionDate = WorkloadGenerator.START + 4 * DAY; // as NEW_EDITION says
        Path editions = Files.createDirectories(temp.resolve("editions"));
        try (Stream<Path> files = Files.list(LiveKit.HOME.resolve("config").resolve("editions"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, editions.resolve(file.getFileName()));
            }
        }
        Map<String, String> settings = new java.util.HashMap<>(towerTable(input));
        settings.put("editions", editions.toAbsolutePath().toString());
        // time stands at the data: inputs idle once read are only marked idle, so no timer runs ahead of them
        settings.put("clockLagSeconds", "0");
        kit = LiveKit.start(temp.resolve("live"), settings);
        Path before = LiveKit.backfill(input, temp.resolve("backfill-old-editions"), kit.configFile);
        long split = WorkloadGenerator.START + 3 * DAY;
        List<ScenarioProducer.Message> messages = ScenarioProducer.messages(input, kit.live());
        kit.send(messages.stream().filter(m -> m.eventTime() < split).toList());
        jobs.add(submit(kit, kit.configFile, LiveJobs.Job.COMPANIONS, null));
        jobs.add(submit(kit, kit.configFile, LiveJobs.Job.HEALTH_CODES, null));
        awaitCompanionProgress(kit, WorkloadGenerator.START + 2 * DAY);

        // the companion job first: the health-code job never gets ahead of the companion job's progress
        String companionSavepoint = client.stop(kit.config, LiveJobs.Job.COMPANIONS);
        String healthCodeSavepoint = client.stop(kit.config, LiveJobs.Job.HEALTH_CODES);
        Files.writeString(editions.resolve("gx-2022-04-05.yaml"), NEW_EDITION);
        Path after = LiveKit.backfill(input, temp.resolve("backfill-new-edition"), kit.configFile);
        assertEditionChangesTheOutputFromItsDateOnly(before, after, editionDate);

        // resumed with fewer companion and more health-code subtasks, and an idle clock to finish the data
        Path resumed = withSettings(kit.configFile, 1, 3, 60);
        jobs.add(submit(kit, resumed, LiveJobs.Job.COMPANIONS, companionSavepoint));
        jobs.add(submit(kit, resumed, LiveJobs.Job.HEALTH_CODES, healthCodeSavepoint));
        kit.send(messages.stream().filter(m -> m.eventTime() >= split).toList());

        List<String> changes = kit.assertCommittedChangesAreTheBackfills(after);
        assertTrue(changes.stream().anyMatch(c -> LiveKit.text(c, "edition").equals("gx-2022-04-05")));
        assertEquals(List.of(1, 3), List.of(parallelism(jobs.get(2)), parallelism(jobs.get(3))));
    }

    @Test
    void theSavepointsOfThisVersionRestoreAndTheJobsFinishTheScenarioWithoutLosingOrRepeatingAChange()
            throws Exception {
        Path expected = LiveKit.backfill(SavepointFixture.SCENARIO, temp);
        kit = LiveKit.start(temp.resolve("live"), SavepointFixture.SETTINGS);
        List<ScenarioProducer.Message> messages = SavepointFixture.messages(kit);
        int split = SavepointFixture.split(messages);
        // a new broker holding, partition by partition, what the old one held when the savepoints were taken
        kit.send(messages.subList(0, split));
        padLink(kit, SavepointFixture.FOLDER.resolve("link-end-offsets.txt"));
        Path resumed = withSettings(kit.configFile, 2, 2, 60);
        for (LiveJobs.Job job : LiveJobs.Job.values()) {
            jobs.add(submit(kit, resumed, job, SavepointFixture.FOLDER.resolve(job.command).toAbsolutePath().toString()));
        }
        kit.send(messages.subList(split, messages.size()));

        kit.assertCommittedChangesAreTheBackfills(expected,
                Files.readAllLines(SavepointFixture.FOLDER.resolve("changes-before.jsonl")));
        for (JobID job : jobs) {
            JsonNode restored = cluster.rest("/jobs/" + job + "/checkpoints").path("latest").path("restored");
            assertTrue(restored.path("is_savepoint").asBoolean(), "restored from the committed savepoint: " + restored);
        }
    }

    /**
     * Fills each partition of the link up to the old broker's end offset with records no job wrote: the restored
     * health-code job reads on from its savepoint's offsets, and rejects what it finds of these.
     */
    private static void padLink(LiveKit kit, Path endOffsets) throws Exception {
        String link = kit.live().topic(LiveConfig.DETECTIONS);
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(TopicAdmin.clientProperties(
                             kit.kafka.bootstrapServers(), Map.of()), new StringSerializer(), new StringSerializer())) {
            for (String line : Files.readAllLines(endOffsets)) {
                int partition = Integer.parseInt(line.split(" ")[0]);
                long end = Long.parseLong(line.split(" ")[1]);
                for (long i = 0; i < end; i++) {
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(link, partition, null, "padding"));
                }
            }
            producer.flush();
        }
        assertEquals(Files.readAllLines(endOffsets), SavepointFixture.endOffsets(kit, link).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList(), "the link padded to the old ends");
    }

    /** A shorter companion rule from the fifth day of the province: re-plans every open companion episode. */
    private static final String NEW_EDITION = String.join("\n",
            "id: gx-2022-04-05",
            "effectiveFrom: \"2022-04-05T00:00+08:00\"",
            "extends: general-2022",
            "categories:",
            "  COMPANION:",
            "    phases:",
            "      - {colour: YELLOW, days: 3}",
            "");

    private static void assertEditionChangesTheOutputFromItsDateOnly(Path before, Path after, long date)
            throws Exception {
        List<String> old = Files.readAllLines(before.resolve("changes.jsonl"));
        List<String> changed = Files.readAllLines(after.resolve("changes.jsonl"));
        assertEquals(old.stream().filter(c -> LiveKit.time(c, "at") < date).toList(),
                changed.stream().filter(c -> LiveKit.time(c, "at") < date).toList());
        assertNotEquals(old, changed, "the new edition changes colours");
    }

    /** Submits the shaded jar the build made before the tests (jobs/pom.xml): what operators submit. */
    private JobID submit(LiveKit kit, Path configFile, LiveJobs.Job job, String savepoint) throws Exception {
        return client.submit(LiveKit.jobJar(), HealthCodeConfig.load(configFile), job, savepoint);
    }

    private static Path province(Path folder, int days, long seed) throws Exception {
        Files.createDirectories(folder);
        WorkloadGenerator.write(folder, WorkloadGenerator.Settings.of(300, days, seed).withOutbreak(300, 200), COUNTIES);
        return folder;
    }

    /** Live, towers come from the configured table; a backfill reads the input folder's towers.csv. */
    private static Map<String, String> towerTable(Path input) {
        return Map.of("towerTable", input.resolve("towers.csv").toAbsolutePath().toString());
    }

    /** Waits until the companion job has committed progress past {@code time}: it is mid-stream. */
    private static void awaitCompanionProgress(LiveKit kit, long time) {
        List<String> link = kit.readCommitted(kit.live().topic(LiveConfig.DETECTIONS),
                seen -> seen.stream().anyMatch(v -> v.startsWith("{\"progress\"") && LiveKit.time(v, "progress") > time),
                LiveKit.WAIT);
        assertTrue(link.stream().anyMatch(v -> v.startsWith("{\"progress\"") && LiveKit.time(v, "progress") > time),
                "the companion job made progress");
    }

    /** The configuration file with other parallelisms for the two jobs and another idle clock lag, beside it. */
    private static Path withSettings(Path configFile, int companions, int healthCodes, int clockLagSeconds)
            throws Exception {
        String yaml = Files.readString(configFile)
                .replaceFirst("(companionJob:\\n(?:.*\\n)*?\\s+parallelism: )\\d+", "$1" + companions)
                .replaceFirst("(healthCodeJob:\\n(?:.*\\n)*?\\s+parallelism: )\\d+", "$1" + healthCodes)
                .replaceFirst("clockLagSeconds: \\d+", "clockLagSeconds: " + clockLagSeconds);
        Path file = configFile.resolveSibling("resumed.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** From each person's last committed current state: the persons with open episodes, and those episodes. */
    private List<Long> openInCurrent() {
        Map<String, Integer> open = new java.util.HashMap<>();
        for (String current : kit.readCommitted(kit.live().topic(LiveConfig.CURRENT), seen -> false, Duration.ofSeconds(3))) {
            open.put(LiveKit.text(current, "personId"), LiveKit.json(current).path("activeEpisodes").size());
        }
        return List.of(open.values().stream().filter(n -> n > 0).count(),
                open.values().stream().mapToLong(Integer::longValue).sum());
    }

    /**
     * The sum over the subtasks of a vertex (whose name starts with {@code vertex}) of the metrics whose id ends
     * with {@code suffix}, from the REST API.
     */
    private static long metric(JobID job, String vertex, String suffix) throws Exception {
        for (JsonNode v : cluster.rest("/jobs/" + job).path("vertices")) {
            if (!v.path("name").asText().startsWith(vertex)) {
                continue;
            }
            String path = "/jobs/" + job + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            List<String> ids = new ArrayList<>();
            // the JobManager fetches metrics every 10 s: the first ask may find none yet
            for (int attempt = 0; attempt < 30 && ids.isEmpty(); attempt++) {
                cluster.rest(path).forEach(m -> ids.add(m.path("id").asText()));
                Thread.sleep(ids.isEmpty() ? 1000 : 0);
            }
            List<String> matching = ids.stream().filter(id -> id.endsWith(suffix)).toList();
            assertFalse(matching.isEmpty(), "a metric ending with " + suffix + " among " + ids);
            long sum = 0;
            for (JsonNode m : cluster.rest(path + "?agg=sum&get=" + String.join(",", matching))) {
                sum += (long) m.path("sum").asDouble();
            }
            return sum;
        }
        throw new AssertionError("no vertex " + vertex);
    }

    /** The highest parallelism of the job's operators. */
    private static int parallelism(JobID job) throws Exception {
        int max = 0;
        for (JsonNode vertex : cluster.rest("/jobs/" + job).path("vertices")) {
            max = Math.max(max, vertex.path("parallelism").asInt());
        }
        return max;
    }
}
