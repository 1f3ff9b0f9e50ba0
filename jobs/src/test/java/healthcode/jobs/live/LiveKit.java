package healthcode.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.time.Times;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.config.LiveConfig;
import healthcode.jobs.kafka.CommittedConsumer;
import healthcode.jobs.kafka.LiveWatermarks;
import healthcode.jobs.kafka.LocalKafka;
import healthcode.jobs.kafka.ScenarioProducer;
import healthcode.jobs.kafka.TopicAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** A real broker, a live configuration pointing at it, and ways to feed and read the live jobs. */
public final class LiveKit {
    public static final Path HOME = Path.of("..");
    /** Long enough for a job to catch up after a restart on two cores. */
    public static final Duration WAIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final LocalKafka kafka;
    public final HealthCodeConfig config;
    /** The configuration file of {@link #config}, as {@code bin/healthcode submit --config} takes it. */
    public final Path configFile;

    private LiveKit(LocalKafka kafka, HealthCodeConfig config, Path configFile) {
        this.kafka = kafka;
        this.config = config;
        this.configFile = configFile;
    }

    /**
     * A broker under {@code folder} and the project's configuration with test timings: checkpoints every two
     * seconds, quick restarts, and inputs idle after 30 seconds without messages. An idle input's
     * watermark then jumps to today, so once every message is read all of 2022's timers fire. (Shorter
     * timeouts lost records: on two busy cores a partition's first fetch after a start or restore can take
     * seconds, and a partition taken for idle before its backlog is read makes that backlog late.)
     */
    public static LiveKit start(Path folder) throws Exception {
        return start(folder, Map.of());
    }

    /** With more settings, e.g. the {@code towerTable} a live job places tower pings with. */
    public static LiveKit start(Path folder, Map<String, String> settings) throws Exception {
        LocalKafka kafka = LocalKafka.start(HOME, folder.resolve("kafka"), 0, false);
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "bootstrapServers", kafka.bootstrapServers(),
                "directory", folder.resolve("checkpoints").toAbsolutePath().toString(),
                "savepointDirectory", folder.resolve("savepoints").toAbsolutePath().toString(),
                "intervalSeconds", "2", "delaySeconds", "1", "idleTimeoutSeconds", "30", "clockLagSeconds", "60"));
        all.putAll(settings);
        HealthCodeConfig config = LiveJobs.localConfig(HOME, folder, all);
        try (TopicAdmin admin = new TopicAdmin(config.live())) {
            admin.createTopics();
        }
        return new LiveKit(kafka, config, folder.resolve("healthcode.yaml"));
    }

    /** Stops the broker, keeping its log in target/kafka-logs for a look after a failure. */
    public void stop() throws Exception {
        kafka.stop();
        Path logs = Files.createDirectories(Path.of("target", "kafka-logs"));
        for (String log : List.of("broker.log", "broker.out")) {
            Path file = kafka.folder().resolve(log);
            if (Files.isRegularFile(file)) {
                Files.copy(file, logs.resolve(System.currentTimeMillis() + "-" + log));
            }
        }
    }

    public LiveConfig live() {
        return config.live();
    }

    JobID run(LiveJobs.Job job, MiniCluster cluster) throws Exception {
        return LiveJobs.submit(cluster, config, job, LiveWatermarks.SYSTEM);
    }

    public void send(List<ScenarioProducer.Message> messages) {
        ScenarioProducer.send(messages, live(), sent -> {});
    }

    /** The committed values of a topic, waiting until {@code done} holds of them (or the timeout passes). */
    public List<String> readCommitted(String topic, Predicate<List<String>> done, Duration timeout) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = CommittedConsumer.fromBeginning(kafka.bootstrapServers(), Map.of(),
                topic)) {
            while (!done.test(values) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    /**
     * Kafka's own console consumer, in its own JVM, in read_committed mode: the values of a topic, read until
     * none has come for 15 s. (Not "the first N": while a job still writes, those could be later records of
     * the first partitions instead of the records of the last.)
     */
    public List<String> consoleConsumer(String topic) throws IOException, InterruptedException {
        Path out = kafka.folder().resolve("console-" + topic + ".out");
        Process process = LocalKafka.tool(HOME, kafka.folder(), "org.apache.kafka.tools.consumer.ConsoleConsumer",
                        List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", topic, "--from-beginning",
                                "--isolation-level", "read_committed", "--timeout-ms", "15000"))
                .redirectOutput(out.toFile()).redirectError(kafka.folder().resolve("console.err").toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    public static long time(String json, String field) {
        try {
            JsonNode node = JSON.readTree(json).get(field);
            return node.isNumber() ? node.longValue() : Times.parseIso(node.textValue());
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static JsonNode json(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static String text(String json, String field) {
        try {
            return JSON.readTree(json).get(field).asText();
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The shaded job jar the build made before the tests (jobs/pom.xml): what operators submit to a cluster. */
    public static Path jobJar() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst().orElseThrow();
        }
    }

    /** The backfill of {@code input} with the project's configuration, into a folder under {@code temp}. */
    public static Path backfill(Path input, Path temp) throws Exception {
        return backfill(input, temp.resolve("backfill-" + input.getFileName()),
                HOME.resolve("config").resolve("healthcode.yaml"));
    }

    public static Path backfill(Path input, Path output, Path configFile) throws Exception {
        BackfillJob.run(new BackfillArguments(input, output, null, null, configFile), HealthCodeConfig.load(configFile));
        return output;
    }

    /**
     * Waits for the live changes up to the backfill's last one, then reads the whole topic with Kafka's
     * console consumer: up to that time it holds the backfill's changes, and each person's seq runs 1, 2, 3...
     * (later changes come from timers the live run fires as its clock runs on). Returns the changes read.
     */
    public List<String> assertCommittedChangesAreTheBackfills(Path backfill) throws Exception {
        return assertCommittedChangesAreTheBackfills(backfill, List.of());
    }

    /** As above, after {@code before}: the changes a run committed (to another broker) before this one resumed it. */
    public List<String> assertCommittedChangesAreTheBackfills(Path backfill, List<String> before) throws Exception {
        List<String> backfillChanges = Files.readAllLines(backfill.resolve("changes.jsonl"));
        long horizon = backfillChanges.stream().mapToLong(c -> time(c, "at")).max().orElseThrow();
        List<String> committed = readCommitted(live().topic("healthcode.changes"),
                seen -> before.size() + upTo(seen, horizon).size() >= backfillChanges.size(), WAIT);
        List<String> changes = new ArrayList<>(before);
        List<String> console = consoleConsumer(live().topic("healthcode.changes"));
        assertTrue(console.size() >= committed.size(), "the console consumer read " + console.size() + " changes, "
                + committed.size() + " had been committed");
        changes.addAll(console);
        assertSameLines(backfillChanges, upTo(changes, horizon), "committed changes up to the backfill's last");
        assertSeqUnbroken(changes);
        return changes;
    }

    private static List<String> upTo(List<String> changes, long horizon) {
        return changes.stream().filter(c -> time(c, "at") <= horizon).toList();
    }

    /** The same lines in any order; on failure, the message shows the lines that differ (not thousands of equal ones). */
    public static void assertSameLines(List<String> expected, List<String> actual, String what) {
        if (sorted(expected).equals(sorted(actual))) {
            return;
        }
        List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        throw new AssertionError(what + ": " + missing.size() + " of " + expected.size() + " expected lines missing, "
                + extra.size() + " unexpected; missing: " + missing.stream().sorted().limit(8).toList()
                + "; unexpected: " + extra.stream().sorted().limit(8).toList());
    }

    public static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    /** As the health-code service sees them: per person, seq 1, 2, 3... with no gap and no repeat. */
    public static void assertSeqUnbroken(List<String> changes) {
        Map<String, Long> last = new java.util.HashMap<>();
        for (String change : changes) {
            String person = text(change, "personId");
            long seq = Long.parseLong(text(change, "seq"));
            assertEquals(last.getOrDefault(person, 0L) + 1, seq, "seq of a person");
            last.put(person, seq);
        }
    }
}
