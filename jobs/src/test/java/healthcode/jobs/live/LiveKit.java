package healthcode.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.time.Times;
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
final class LiveKit {
    static final Path HOME = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalKafka kafka;
    final HealthCodeConfig config;

    private LiveKit(LocalKafka kafka, HealthCodeConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /**
     * A broker under {@code folder} and the project's configuration with test timings: checkpoints every two
     * seconds, quick restarts, and inputs idle after five seconds without messages. An idle input's
     * watermark then jumps to today, so once every message is read all of 2022's timers fire.
     */
    static LiveKit start(Path folder) throws Exception {
        return start(folder, Map.of());
    }

    /** With more settings, e.g. the {@code towerTable} a live job places tower pings with. */
    static LiveKit start(Path folder, Map<String, String> settings) throws Exception {
        LocalKafka kafka = LocalKafka.start(HOME, folder.resolve("kafka"), 0, false);
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "bootstrapServers", kafka.bootstrapServers(),
                "directory", folder.resolve("checkpoints").toAbsolutePath().toString(),
                "intervalSeconds", "2", "delaySeconds", "1", "idleTimeoutSeconds", "5", "clockLagSeconds", "60"));
        all.putAll(settings);
        HealthCodeConfig config = LiveJobs.localConfig(HOME, folder, all);
        try (TopicAdmin admin = new TopicAdmin(config.live())) {
            admin.createTopics();
        }
        return new LiveKit(kafka, config);
    }

    /** Stops the broker, keeping its log in target/kafka-logs for a look after a failure. */
    void stop() throws Exception {
        kafka.stop();
        Path logs = Files.createDirectories(Path.of("target", "kafka-logs"));
        for (String log : List.of("broker.log", "broker.out")) {
            Path file = kafka.folder().resolve(log);
            if (Files.isRegularFile(file)) {
                Files.copy(file, logs.resolve(System.currentTimeMillis() + "-" + log));
            }
        }
    }

    LiveConfig live() {
        return config.live();
    }

    JobID run(LiveJobs.Job job, MiniCluster cluster) throws Exception {
        return LiveJobs.submit(cluster, config, job, LiveWatermarks.SYSTEM);
    }

    void send(List<ScenarioProducer.Message> messages) {
        ScenarioProducer.send(messages, live(), sent -> {});
    }

    /** The committed values of a topic, waiting until {@code done} holds of them (or the timeout passes). */
    List<String> readCommitted(String topic, Predicate<List<String>> done, Duration timeout) {
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

    /** Kafka's own console consumer, in its own JVM, in read_committed mode: the values of a topic. */
    List<String> consoleConsumer(String topic, int expected) throws IOException, InterruptedException {
        Path out = kafka.folder().resolve("console-" + topic + ".out");
        Process process = LocalKafka.tool(HOME, kafka.folder(), "org.apache.kafka.tools.consumer.ConsoleConsumer",
                        List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", topic, "--from-beginning",
                                "--isolation-level", "read_committed", "--max-messages", Integer.toString(expected),
                                "--timeout-ms", "30000"))
                .redirectOutput(out.toFile()).redirectError(kafka.folder().resolve("console.err").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    static long time(String json, String field) {
        try {
            JsonNode node = JSON.readTree(json).get(field);
            return node.isNumber() ? node.longValue() : Times.parseIso(node.textValue());
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String text(String json, String field) {
        try {
            return JSON.readTree(json).get(field).asText();
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
