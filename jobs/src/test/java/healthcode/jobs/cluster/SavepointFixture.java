package healthcode.jobs.cluster;

import healthcode.jobs.config.LiveConfig;
import healthcode.jobs.kafka.CommittedConsumer;
import healthcode.jobs.kafka.ScenarioProducer;
import healthcode.jobs.kafka.TopicAdmin;
import healthcode.jobs.live.LiveJobs;
import healthcode.jobs.live.LiveKit;
import healthcode.jobs.local.LocalFlink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Savepoints of both live jobs taken by this version, committed under {@link #FOLDER} so that a test restores
 * them: a change that breaks state compatibility then fails CI. The jobs ran on the standalone cluster over
 * the first three quarters (by event time) of demo/scenario and were stopped with savepoints, the companion job first.
 * Beside them: the changes committed until then and the end offsets of the link's partitions.
 *
 * <p>Written anew only when the state changes on purpose (then bump the folder's version):
 * {@code mvn -B -ntp -DskipTests install && mvn -pl jobs exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=healthcode.jobs.cluster.SavepointFixture}
 */
public final class SavepointFixture {
    static final Path FOLDER = Path.of("src", "test", "resources", "savepoints", "v1");
    static final Path SCENARIO = LiveKit.HOME.resolve("demo").resolve("scenario");
    /** Time stands at the data while the first part runs: idle inputs are only marked idle. */
    static final Map<String, String> SETTINGS = Map.of("clockLagSeconds", "0");

    private SavepointFixture() {}

    /** The scenario's messages in event-time order. */
    static List<ScenarioProducer.Message> messages(LiveKit kit) throws Exception {
        return ScenarioProducer.messages(SCENARIO, kit.live());
    }

    /** Where the savepoints were taken: after three quarters of the messages, when most persons have state. */
    static int split(List<ScenarioProducer.Message> messages) {
        return messages.size() * 3 / 4;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("savepoint-fixture");
        LocalFlink cluster = LocalFlink.start(LiveKit.HOME, work.resolve("flink"), 0, 1, Map.of(), false);
        LiveKit kit = LiveKit.start(work.resolve("live"), SETTINGS);
        try (ClusterJobs client = ClusterJobs.connect(cluster.restUrl())) {
            List<ScenarioProducer.Message> messages = messages(kit);
            kit.send(messages.subList(0, split(messages)));
            Path jar = LiveKit.jobJar();
            client.submit(jar, kit.config, LiveJobs.Job.COMPANIONS, null);
            client.submit(jar, kit.config, LiveJobs.Job.HEALTH_CODES, null);
            String link = kit.live().topic(LiveConfig.DETECTIONS);
            // the companion job has read its part once its progress stands still past the idle timeout
            awaitQuiet(kit, link, Duration.ofSeconds(45));
            String companions = client.stop(kit.config, LiveJobs.Job.COMPANIONS);
            Map<Integer, Long> ends = endOffsets(kit, link);
            awaitLinkRead(kit, link);
            String healthCodes = client.stop(kit.config, LiveJobs.Job.HEALTH_CODES);

            copy(Path.of(java.net.URI.create(companions)), FOLDER.resolve("companions"));
            copy(Path.of(java.net.URI.create(healthCodes)), FOLDER.resolve("health-codes"));
            Files.write(FOLDER.resolve("changes-before.jsonl"), kit.readCommitted(kit.live().topic("healthcode.changes"),
                    seen -> false, Duration.ofSeconds(5)));
            List<String> lines = new ArrayList<>();
            ends.forEach((partition, end) -> lines.add(partition + " " + end));
            Files.write(FOLDER.resolve("link-end-offsets.txt"), lines);
            System.out.println("fixture: written to " + FOLDER.toAbsolutePath());
        } finally {
            kit.stop();
            LocalFlink.stop(work.resolve("flink"));
        }
    }

    /** Waits until a topic has had no new committed record for {@code quiet}. */
    private static void awaitQuiet(LiveKit kit, String topic, Duration quiet) throws InterruptedException {
        int seen = -1;
        while (true) {
            int now = kit.readCommitted(topic, s -> false, Duration.ofSeconds(2)).size();
            if (now == seen) {
                return;
            }
            seen = now;
            Thread.sleep(quiet.toMillis());
        }
    }

    /**
     * Waits until the health-code job's group has committed, with a checkpoint, the offset after each link
     * partition's last record (transaction markers may follow it, which no reader returns).
     */
    private static void awaitLinkRead(LiveKit kit, String link) throws InterruptedException {
        Map<TopicPartition, Long> afterLast = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> reader = CommittedConsumer.fromBeginning(kit.kafka.bootstrapServers(),
                Map.of(), link)) {
            for (int empty = 0; empty < 5; ) {
                var records = reader.poll(Duration.ofSeconds(1));
                empty = records.isEmpty() ? empty + 1 : 0;
                records.forEach(r -> afterLast.merge(new TopicPartition(link, r.partition()), r.offset() + 1, Math::max));
            }
        }
        try (KafkaConsumer<String, String> group = new KafkaConsumer<>(TopicAdmin.clientProperties(
                kit.kafka.bootstrapServers(), Map.of("group.id", kit.live().healthCodeJob().name())),
                new StringDeserializer(), new StringDeserializer())) {
            while (true) {
                var committed = group.committed(afterLast.keySet());
                if (afterLast.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                Thread.sleep(1000);
            }
        }
    }

    static Map<Integer, Long> endOffsets(LiveKit kit, String topic) {
        try (KafkaConsumer<String, String> consumer = CommittedConsumer.fromBeginning(kit.kafka.bootstrapServers(),
                Map.of(), topic)) {
            Map<Integer, Long> ends = new TreeMap<>();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.endOffsets(partitions).forEach((p, end) -> ends.put(p.partition(), end));
            return ends;
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
