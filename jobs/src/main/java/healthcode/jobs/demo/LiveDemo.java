package healthcode.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.time.Times;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.io.LocalFiles;
import healthcode.jobs.kafka.CommittedConsumer;
import healthcode.jobs.kafka.CommittedReads;
import healthcode.jobs.kafka.LocalKafka;
import healthcode.jobs.kafka.ReplayClock;
import healthcode.jobs.kafka.ScenarioProducer;
import healthcode.jobs.kafka.TopicAdmin;
import healthcode.jobs.live.LiveJobs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * {@code bin/healthcode demo}: the live pipeline on this machine. Starts a Kafka broker, creates the
 * topics, runs both live jobs on an embedded Flink cluster (RocksDB, exactly-once checkpoints), streams
 * the bundled scenario into the input topics in event-time order, prints each colour change as the
 * health-code service would read it, then a summary by colour and district; everything is shut down at
 * the end and on Ctrl-C.
 */
public final class LiveDemo implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** After the last record, time runs on this far, so the phases it opened can end. */
    private static final Duration RUN_ON = Duration.ofDays(30);

    private final Path home;
    private final Path work;
    private final PrintStream out;
    private LocalKafka kafka;
    private MiniCluster cluster;
    private CommittedReads reads;
    private volatile boolean closed;

    private LiveDemo(Path home, Path work, PrintStream out) {
        this.home = home;
        this.work = work;
        this.out = out;
    }

    /**
     * @param work the demo's folder (broker data, checkpoints), emptied first
     * @param scenario the input files: demo/scenario, or a folder of `bin/healthcode generate` (its
     *     towers.csv then places the tower pings)
     * @param pause wall time between two messages of the replay
     */
    public static void run(Path home, Path work, Path scenario, Duration pause, PrintStream out) throws Exception {
        try (LiveDemo demo = new LiveDemo(home, work, out)) {
            Thread cleanup = new Thread(demo::closeQuietly, "demo-shutdown");
            Runtime.getRuntime().addShutdownHook(cleanup);
            demo.play(scenario, pause);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private void play(Path scenario, Duration pause) throws Exception {
        LocalFiles.deleteRecursively(work);
        ReplayClock.reset();
        out.println("Starting a Kafka broker (" + work.resolve("kafka") + ") ...");
        kafka = LocalKafka.start(home, work.resolve("kafka"), 0, false);
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrapServers", kafka.bootstrapServers(),
                "directory", work.resolve("checkpoints").toAbsolutePath().toString(),
                "intervalSeconds", "1", "idleTimeoutSeconds", "1", "clockLagSeconds", "60"));
        if (Files.isRegularFile(scenario.resolve("towers.csv"))) {
            settings.put("towerTable", scenario.resolve("towers.csv").toAbsolutePath().toString());
        }
        HealthCodeConfig config = LiveJobs.localConfig(home, work, settings);
        try (TopicAdmin admin = new TopicAdmin(config.live())) {
            out.println("Creating " + admin.createTopics().size() + " topics at " + kafka.bootstrapServers());
        }
        Configuration flink = new Configuration();
        flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(flink)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).build());
        cluster.start();
        out.println("Starting the companion job and the health-code job on an embedded Flink cluster (RocksDB) ...");
        List<JobID> jobs = List.of(LiveJobs.submit(cluster, config, LiveJobs.Job.COMPANIONS, ReplayClock.INSTANCE),
                LiveJobs.submit(cluster, config, LiveJobs.Job.HEALTH_CODES, ReplayClock.INSTANCE));

        List<ScenarioProducer.Message> messages = ScenarioProducer.messages(scenario, config.live());
        ZoneId zone = config.outputZone();
        AtomicInteger changes = new AtomicInteger();
        Map<String, Set<String>> reached = new ConcurrentHashMap<>();
        Thread printer = new Thread(() -> printChanges(config, changes, reached), "demo-changes");
        printer.setDaemon(true);
        printer.start();
        out.printf("Streaming %d records of %s into the input topics, in event-time order:%n", messages.size(), scenario);
        int progressEvery = Math.max(100, messages.size() / 50);
        reads = new CommittedReads(config.live(), LiveJobs.inputTopicsByGroup(config.live()));
        try (ScenarioProducer.Sender sender = new ScenarioProducer.Sender(config.live())) {
            for (int i = 0; i < messages.size(); i++) {
                ScenarioProducer.Message message = messages.get(i);
                // no message still to come is older, so idle inputs may follow the replay once this one is read
                ReplayClock.sent(message.eventTime(), List.of(sender.send(message)));
                if (i % progressEvery == 0 || i == messages.size() - 1) {
                    out.printf("  [%3d%%] %d/%d records sent, replay at %s%n", 100 * (i + 1) / messages.size(), i + 1,
                            messages.size(), Times.format(ReplayClock.latestSent(), zone));
                }
                Thread.sleep(pause.toMillis());
            }
        }
        long end = ReplayClock.latestSent() + RUN_ON.toMillis();
        out.printf("All records sent; time runs on to %s so open phases can end ...%n", Times.format(end, zone));
        for (long t = ReplayClock.latestSent(); t < end; t += Duration.ofDays(1).toMillis()) {
            ReplayClock.sent(t);
            Thread.sleep(100);
        }
        ReplayClock.sent(end);
        while (ReplayClock.INSTANCE.millis() < end) {
            Thread.sleep(100);
        }
        waitUntilQuiet(changes);
        Map<String, String> colours = currentColours(config);
        new DemoSummary(scenario, home.resolve("demo").resolve("nanning-districts.geojson")).print(colours, reached, out);
        out.printf("%n%d colour changes for %d persons, read from %s in read_committed mode.%n", changes.get(),
                colours.size(), config.live().topic("healthcode.changes"));
        for (JobID job : jobs) {
            cluster.cancelJob(job).get();
        }
    }

    /** Prints each committed change as it arrives, until the demo closes. */
    private void printChanges(HealthCodeConfig config, AtomicInteger count, Map<String, Set<String>> reached) {
        try (KafkaConsumer<String, String> consumer = CommittedConsumer.fromBeginning(kafka.bootstrapServers(),
                Map.of(), config.live().topic("healthcode.changes"))) {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode c = JSON.readTree(record.value());
                    JsonNode cause = c.get("cause");
                    out.printf("    change  %s  %-22s %-6s -> %-6s %s (%s)%s%n", c.get("at").asText().replace('T', ' '),
                            c.get("personId").asText(), c.get("from").asText(), c.get("to").asText(),
                            cause.get("category").asText(), cause.get("trigger").asText(),
                            c.has("late") ? " late" : "");
                    reached.computeIfAbsent(c.get("personId").asText(), p -> ConcurrentHashMap.newKeySet())
                            .add(c.get("to").asText());
                    count.incrementAndGet();
                }
            }
        } catch (Exception e) {
            if (!closed) {
                out.println("demo: stopped reading changes: " + e);
            }
        }
    }

    /** Waits until no change has arrived for a few checkpoints. */
    private static void waitUntilQuiet(AtomicInteger changes) throws InterruptedException {
        int seen = -1;
        while (seen != changes.get()) {
            seen = changes.get();
            Thread.sleep(4000);
        }
    }

    /** The latest colour of every person, from the compacted current-state topic. */
    private Map<String, String> currentColours(HealthCodeConfig config) throws Exception {
        Map<String, String> colours = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = CommittedConsumer.fromBeginning(kafka.bootstrapServers(),
                Map.of(), config.live().topic("healthcode.current"))) {
            for (int empty = 0; empty < 5; ) {
                var records = consumer.poll(Duration.ofMillis(300));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    colours.put(record.key(), JSON.readTree(record.value()).get("colour").asText());
                }
            }
        }
        return colours;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("demo: shutting down: " + e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        out.println("Shutting down ...");
        if (reads != null) {
            reads.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.stop();
            out.println("Stopped the embedded Flink cluster and the Kafka broker.");
        }
    }
}
