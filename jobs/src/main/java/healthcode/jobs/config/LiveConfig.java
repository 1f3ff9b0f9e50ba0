package healthcode.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import healthcode.jobs.StateBackends;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code live:} section of the job configuration: Kafka, topics, watermarks, checkpoints and the
 * two live jobs. Every key is documented in config/healthcode.yaml.
 *
 * @param kafkaProperties client properties for every source, sink and admin client, secrets resolved
 * @param topicNames the topic of each stream, by its domain.md name
 */
public record LiveConfig(String bootstrapServers, Map<String, String> kafkaProperties, Map<String, String> topicNames,
                         int partitions, short replicationFactor, Duration retention,
                         Duration maxOutOfOrderness, Duration idleTimeout, Duration clockLag, Duration progressStep,
                         Duration watermarkInterval, Duration checkpointInterval, Duration checkpointTimeout, String checkpointDirectory,
                         String savepointDirectory,
                         String stateBackend, int heapEventsPerSubtask, int restartAttempts, Duration restartDelay,
                         Duration transactionTimeout, Job companionJob, Job healthCodeJob) {

    /**
     * One live job: its Flink job name (also its consumer group), parallelism, the maximum parallelism it can
     * be rescaled to from a savepoint (fixed for the life of its state), and transactional-id prefix.
     */
    public record Job(String name, int parallelism, int maxParallelism, String transactionalIdPrefix) {}

    /** The topics of domain.md, plus the link between the two jobs. */
    public static final List<String> TOPICS = List.of("telecom.pings", "subscribers", "cases", "case-status",
            "nat-results", "arrivals", "admin-actions", "risk-areas", "venues", "healthcode.detections",
            "healthcode.changes", "healthcode.current", "companions", "area-exposures", "rejected");
    /** The topic downstream services upsert from: compacted, keyed by person. */
    public static final String CURRENT = "healthcode.current";
    /** Detections and progress markers from the companion job to the health-code job. */
    public static final String DETECTIONS = "healthcode.detections";

    private static final Pattern SECRET = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    /** The configured name of a topic given by its domain.md name. */
    public String topic(String name) {
        String topic = topicNames.get(name);
        if (topic == null) {
            throw new IllegalArgumentException("not a topic of this pipeline: " + name);
        }
        return topic;
    }

    /** Without the client properties' values: they may hold secrets. */
    @Override
    public String toString() {
        return "LiveConfig[bootstrapServers=" + bootstrapServers + ", kafkaProperties=" + kafkaProperties.keySet()
                + ", topicNames=" + topicNames + ", companionJob=" + companionJob + ", healthCodeJob=" + healthCodeJob + "]";
    }

    static LiveConfig parse(ConfigReader r, JsonNode root, Path base) {
        JsonNode live = r.section("live", List.of("kafka", "topics", "watermarks", "checkpoints", "restart",
                "transactionTimeoutMinutes", "stateBackend", "heapEventsPerSubtask", "companionJob", "healthCodeJob"));
        JsonNode kafka = r.section(live, "live.kafka", List.of("bootstrapServers", "properties", "propertiesFile"));
        Map<String, String> properties = new LinkedHashMap<>();
        String propertiesFile = r.text(kafka, "live.kafka.propertiesFile", null);
        if (propertiesFile != null) {
            properties.putAll(readProperties(r, base.resolve(propertiesFile)));
        }
        r.strings(kafka, "live.kafka.properties").forEach((k, v) -> properties.put(k, resolve(r, base, k, v)));

        JsonNode topics = r.section(live, "live.topics", List.of("partitions", "replicationFactor", "retentionDays",
                "names"));
        Map<String, String> names = new LinkedHashMap<>();
        TOPICS.forEach(t -> names.put(t, t));
        r.strings(topics, "live.topics.names").forEach((k, v) -> {
            if (!names.containsKey(k)) {
                throw r.error("live.topics.names." + k, "not a topic of this pipeline; topics: " + TOPICS);
            }
            names.put(k, v);
        });
        int replication = r.positiveInt(topics, "live.topics.replicationFactor", 1);
        if (replication > Short.MAX_VALUE) {
            throw r.error("live.topics.replicationFactor", "too large");
        }

        JsonNode w = r.section(live, "live.watermarks", List.of("maxOutOfOrdernessSeconds", "idleTimeoutSeconds",
                "clockLagSeconds", "progressStepSeconds", "emitIntervalSeconds"));
        JsonNode c = r.section(live, "live.checkpoints", List.of("intervalSeconds", "timeoutMinutes", "directory",
                "savepointDirectory"));
        JsonNode restart = r.section(live, "live.restart", List.of("attempts", "delaySeconds"));
        String backend = r.text(live, "live.stateBackend", "rocksdb");
        if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
            throw r.error("live.stateBackend", "must be rocksdb or hashmap, not '" + backend + "'");
        }
        String directory = r.text(c, "live.checkpoints.directory", "/tmp/healthcode/checkpoints");
        String checkpoints = directory.contains("://") ? directory : base.resolve(directory).toUri().toString();
        String savepointDirectory = r.text(c, "live.checkpoints.savepointDirectory", "/tmp/healthcode/savepoints");
        String savepoints = savepointDirectory.contains("://") ? savepointDirectory
                : base.resolve(savepointDirectory).toUri().toString();

        LiveConfig config = new LiveConfig(
                r.text(kafka, "live.kafka.bootstrapServers", "127.0.0.1:9092"), Map.copyOf(properties),
                Map.copyOf(names), r.positiveInt(topics, "live.topics.partitions", 4), (short) replication,
                Duration.ofDays(r.positiveInt(topics, "live.topics.retentionDays", 30)),
                r.seconds(w, "live.watermarks.maxOutOfOrdernessSeconds", 60, true),
                r.seconds(w, "live.watermarks.idleTimeoutSeconds", 60, false),
                r.seconds(w, "live.watermarks.clockLagSeconds", 600, true),
                r.seconds(w, "live.watermarks.progressStepSeconds", 1, false),
                r.seconds(w, "live.watermarks.emitIntervalSeconds", 0.2, false),
                r.seconds(c, "live.checkpoints.intervalSeconds", 10, false),
                Duration.ofMinutes(r.positiveInt(c, "live.checkpoints.timeoutMinutes", 5)), checkpoints, savepoints, backend,
                r.positiveInt(live, "live.heapEventsPerSubtask", StateBackends.HEAP_EVENTS_PER_SUBTASK),
                r.nonNegativeInt(restart, "live.restart.attempts", 10),
                Duration.ofSeconds(r.nonNegativeInt(restart, "live.restart.delaySeconds", 10)),
                Duration.ofMinutes(r.positiveInt(live, "live.transactionTimeoutMinutes", 10)),
                job(r, live, "companionJob", "healthcode-companions"),
                job(r, live, "healthCodeJob", "healthcode-health-codes"));
        config.checkTransactionTimeout(r);
        return config;
    }

    /**
     * An open transaction must outlive a checkpoint interval plus a restart, or its records are lost
     * when the broker aborts it; the broker's own maximum is checked when a job starts.
     */
    private void checkTransactionTimeout(ConfigReader r) {
        Duration needed = checkpointInterval.plus(restartDelay);
        if (transactionTimeout.compareTo(needed) <= 0) {
            throw r.error("live.transactionTimeoutMinutes", "must exceed the checkpoint interval plus the restart"
                    + " delay (" + needed.toSeconds() + " s), or a transaction may time out before it is committed");
        }
    }

    private static Job job(ConfigReader r, JsonNode live, String key, String defaultName) {
        String path = "live." + key;
        JsonNode node = r.section(live, path, List.of("name", "parallelism", "maxParallelism", "transactionalIdPrefix"));
        String name = r.text(node, path + ".name", defaultName);
        int parallelism = r.positiveInt(node, path + ".parallelism", 2);
        int maxParallelism = r.positiveInt(node, path + ".maxParallelism", 128);
        if (parallelism > maxParallelism || maxParallelism > 32768) {
            throw r.error(path + ".maxParallelism", "must be at least the parallelism (" + parallelism
                    + ") and at most 32768");
        }
        return new Job(name, parallelism, maxParallelism, r.text(node, path + ".transactionalIdPrefix", name));
    }

    /** A value {@code ${env:NAME}} or {@code ${file:PATH}} is read from there, so secrets stay out of git. */
    private static String resolve(ConfigReader r, Path base, String key, String value) {
        Matcher m = SECRET.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1).equals("env")) {
                replacement = System.getenv(m.group(2));
                if (replacement == null) {
                    throw r.error("live.kafka.properties." + key, "environment variable " + m.group(2) + " is not set");
                }
            } else {
                Path file = base.resolve(m.group(2));
                try {
                    replacement = Files.readString(file).strip();
                } catch (IOException e) {
                    throw r.error("live.kafka.properties." + key, "cannot read secret file " + file);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> readProperties(ConfigReader r, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw r.error("live.kafka.propertiesFile", "cannot read " + file);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
