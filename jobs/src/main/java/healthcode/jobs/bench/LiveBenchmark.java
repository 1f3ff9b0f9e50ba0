package healthcode.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.kafka.CommittedConsumer;
import healthcode.jobs.kafka.CommittedReads;
import healthcode.jobs.kafka.LocalKafka;
import healthcode.jobs.kafka.ReplayClock;
import healthcode.jobs.kafka.ScenarioProducer;
import healthcode.jobs.kafka.TopicAdmin;
import healthcode.jobs.live.LiveJobs;
import healthcode.jobs.local.LocalFlink;
import healthcode.jobs.workload.WorkloadGenerator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Both live jobs on a real broker and an embedded cluster (RocksDB, exactly-once): a simulated week of a
 * city streamed into the topics in event-time order, the state the jobs then hold (savepoints and
 * checkpoints), and the wall time from a case record to its colour changes, read committed, once the
 * replay has caught up with the present and time runs with the wall clock.
 */
final class LiveBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int WEEK = 7;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    /** What the latency measurement asks of the live settings: short waits on event time and frequent commits. */
    static final Map<String, String> LOW_LATENCY = Map.of("maxOutOfOrdernessSeconds", "0.1",
            "idleTimeoutSeconds", "0.2", "clockLagSeconds", "0.1", "progressStepSeconds", "0.1",
            "emitIntervalSeconds", "0.05", "intervalSeconds", "0.2");
    /**
     * While the jobs take in the week: the same waits, checkpoints as shipped. A checkpoint every 0.2 s (a
     * RocksDB flush and a Kafka transaction each) made the catch-up a quarter slower (BENCHMARKS.md).
     */
    static final String HISTORY_CHECKPOINT_SECONDS = "10";

    /**
     * RocksDB's share of the embedded TaskManager (4 slots, both jobs): a GiB a slot, as the named cluster's
     * TaskManagers give theirs at least; a city of 200,000 phones holds several GB of state.
     */
    private static final String MANAGED_MEMORY = "4g";

    /** Messages sent between two marks of the replay clock (each waits until they are written). */
    private static final int MARK_EVERY = 1000;

    private LiveBenchmark() {}

    static void run(BenchSuite.Settings s, Path home, Path work, Report report) throws Exception {
        Path city = work.resolve("city");
        WorkloadGenerator.Size size = WorkloadGenerator.write(city, s.province(s.cityPhones(), WEEK, s.casesPer10k()), s.counties());
        System.out.printf("bench: a week of a city of %,d phones: %,d pings, %,d persons%n", s.cityPhones(), size.pings(),
                size.persons());
        ReplayClock.reset();
        LocalKafka kafka = LocalKafka.start(home, work.resolve("kafka"), 0, false);
        MiniCluster cluster = null;
        try {
            Map<String, String> settings = new LinkedHashMap<>(LOW_LATENCY);
            settings.put("bootstrapServers", kafka.bootstrapServers());
            settings.put("directory", work.resolve("checkpoints").toAbsolutePath().toString());
            settings.put("towerTable", city.resolve("towers.csv").toAbsolutePath().toString());
            HealthCodeConfig config = LiveJobs.localConfig(home, work.resolve("config"), settings);
            settings.put("intervalSeconds", HISTORY_CHECKPOINT_SECONDS);
            HealthCodeConfig history = LiveJobs.localConfig(home, work.resolve("config-history"), settings);
            try (TopicAdmin admin = new TopicAdmin(config.live())) {
                admin.createTopics();
            }
            Configuration flink = new Configuration();
            flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(MANAGED_MEMORY));
            flink.set(RestOptions.BIND_PORT, "0");
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(flink)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).build());
            cluster.start();
            String rest = cluster.getRestAddress().get().toString().replaceAll("/$", "");
            long end = WorkloadGenerator.START + WEEK * DAY;
            boolean backlog = s.replayRate() == 0;
            if (backlog) {
                // the jobs start on a week in the topics: their figure is the catch-up alone, no sender beside them
                double sending = BenchSuite.seconds(() -> replayWeek(city, config, 0));
                System.out.printf("bench: the week sent in %.1f s, before the jobs start%n", sending);
                ReplayClock.runFrom(end);
            }
            Jobs jobs = backlog ? null : Jobs.submit(cluster, history, null, null);
            long started = System.nanoTime();
            try (CommittedReads reads = new CommittedReads(config.live(), LiveJobs.inputTopicsByGroup(config.live()))) {
                if (backlog) {
                    jobs = Jobs.submit(cluster, history, null, null);
                } else {
                    replayWeek(city, config, s.replayRate());
                    // once the jobs have read it all, time runs on with the wall clock
                    ReplayClock.runFrom(end);
                }
                jobs.awaitWatermark(rest, end);
            }
            report.rate("live-week", "pings", size.pings(), (System.nanoTime() - started) / 1e9);
            report.count("live records rejected", committedRecords(config, "rejected"));
            long companionCheckpoint = checkpointBytes(rest, jobs.companions());
            long healthCodeCheckpoint = checkpointBytes(rest, jobs.healthCodes());
            // as an operator changes a job's settings: stop with a savepoint, resume from it
            String companionState = stopWithSavepoint(cluster, jobs.companions(), work.resolve("savepoints"));
            String healthCodeState = stopWithSavepoint(cluster, jobs.healthCodes(), work.resolve("savepoints"));
            report.state(s.cityPhones(), WEEK, size.persons(), bytesUnder(companionState), bytesUnder(healthCodeState),
                    companionCheckpoint, healthCodeCheckpoint);
            Jobs resumed = Jobs.submit(cluster, config, companionState, healthCodeState);
            resumed.awaitWatermark(rest, end);

            report.latencies(caseToColour(city, config, s.smoke() ? 3 : 20, s.seed()));
            cluster.cancelJob(resumed.companions()).get();
            cluster.cancelJob(resumed.healthCodes()).get();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            kafka.stop();
        }
    }

    /** Both live jobs of the run. */
    private record Jobs(JobID companions, JobID healthCodes) {
        /** Submits both, each resumed from its savepoint unless that is null. */
        static Jobs submit(MiniCluster cluster, HealthCodeConfig config, String companionSavepoint,
                           String healthCodeSavepoint) throws Exception {
            return new Jobs(LiveJobs.submit(cluster, config, LiveJobs.Job.COMPANIONS, ReplayClock.INSTANCE, companionSavepoint),
                    LiveJobs.submit(cluster, config, LiveJobs.Job.HEALTH_CODES, ReplayClock.INSTANCE, healthCodeSavepoint));
        }

        void awaitWatermark(String rest, long time) throws Exception {
            LiveBenchmark.awaitWatermark(rest, companions, time);
            LiveBenchmark.awaitWatermark(rest, healthCodes, time);
        }
    }

    /**
     * Streams the week into the topics in event-time order, at most {@code rate} messages a second (0: as
     * fast as the broker takes them, so the jobs catch up over a backlog); the replay clock follows what was
     * sent.
     */
    private static void replayWeek(Path city, HealthCodeConfig config, int rate) throws Exception {
        long start = System.nanoTime();
        try (ScenarioProducer.Sender sender = new ScenarioProducer.Sender(config.live())) {
            long[] sent = {0};
            List<Future<RecordMetadata>> written = new ArrayList<>();
            ScenarioProducer.stream(city, config.live(), message -> {
                written.add(sender.send(message));
                if (++sent[0] % MARK_EVERY == 0) {
                    // written, so the clock keeps their offsets, not their futures (a week is millions)
                    sender.flush();
                    // nothing still to come is older, so idle inputs may follow the replay once these are read
                    ReplayClock.sent(message.eventTime(), written);
                    written.clear();
                    if (sent[0] % 1_000_000 == 0) {
                        System.out.printf("bench: %,d messages sent, up to %s%n", sent[0], Instant.ofEpochMilli(message.eventTime()));
                    }
                    long due = rate == 0 ? 0 : start + sent[0] * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            ReplayClock.sent(ReplayClock.latestSent(), written);
        }
    }

    /** Waits until every operator of the job has an input watermark at or past the time. */
    private static void awaitWatermark(String rest, JobID job, long time) throws Exception {
        long deadline = System.nanoTime() + Duration.ofHours(6).toNanos();
        long nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            long lowest = Long.MAX_VALUE;
            for (JsonNode vertex : LocalFlink.rest(rest, "/jobs/" + job).get("vertices")) {
                for (JsonNode subtask : LocalFlink.rest(rest, "/jobs/" + job + "/vertices/" + vertex.get("id").asText() + "/watermarks")) {
                    long watermark = subtask.get("value").asLong();
                    if (subtask.get("id").asText().endsWith("currentInputWatermark") && watermark != Long.MIN_VALUE) {
                        lowest = Math.min(lowest, watermark);
                    }
                }
            }
            if (lowest != Long.MAX_VALUE && lowest >= time) {
                return;
            }
            if (System.nanoTime() > nextReport) {
                // a big city takes hours: show how far the job has come
                System.out.printf("bench: job %s at %s%n", job, lowest == Long.MAX_VALUE ? "no watermark yet"
                        : Instant.ofEpochMilli(lowest));
                nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("job " + job + " did not reach " + Instant.ofEpochMilli(time));
    }

    /** Stops the job with a canonical savepoint (its state, whatever the backend); returns the savepoint's path. */
    private static String stopWithSavepoint(MiniCluster cluster, JobID job, Path folder) throws Exception {
        return cluster.stopWithSavepoint(job, folder.toUri().toString(), false, SavepointFormatType.CANONICAL).get();
    }

    /** The full size of the job's latest completed checkpoint (RocksDB files, incremental). */
    private static long checkpointBytes(String rest, JobID job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode completed = LocalFlink.rest(rest, "/jobs/" + job + "/checkpoints").path("latest").path("completed");
            if (completed.has("state_size")) {
                return completed.get("state_size").asLong();
            }
            Thread.sleep(500);
        }
        return -1;
    }

    /**
     * Sends cases one after another, each a phone owner of the city with 7 days of history in the window,
     * reported now; returns, for every colour change they cause, the wall time from sending the case to
     * reading the change committed, in milliseconds.
     */
    private static List<Long> caseToColour(Path city, HealthCodeConfig config, int cases, long seed) throws Exception {
        List<String[]> owners = owners(city);
        Collections.shuffle(owners, new Random(seed));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        long[] lastChange = {System.nanoTime()};
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> readChanges(config, sentAt, latencies, lastChange, done), "bench-changes");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(3000); // the reader is assigned and at the end of the topic's history
        try (ScenarioProducer.Sender sender = new ScenarioProducer.Sender(config.live())) {
            for (int i = 0; i < cases; i++) {
                String caseId = "bench-" + i;
                long now = ReplayClock.INSTANCE.millis();
                String[] owner = owners.get(i);
                String record = "{\"caseId\":\"" + caseId + "\",\"personId\":\"" + owner[1] + "\",\"msisdns\":[\""
                        + owner[0] + "\"],\"kind\":\"CONFIRMED\",\"onsetAt\":\"" + iso(now - 3 * DAY)
                        + "\",\"isolatedAt\":\"" + iso(now - HOUR) + "\",\"reportedAt\":\"" + iso(now) + "\"}";
                sentAt.put(caseId, System.nanoTime());
                sender.send(new ScenarioProducer.Message(config.live().topic("cases"), owner[1], record, now));
                sender.flush();
                Thread.sleep(4000);
            }
        }
        while (System.nanoTime() - lastChange[0] < Duration.ofSeconds(15).toNanos()) {
            Thread.sleep(1000);
        }
        done.set(true);
        reader.join();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            List<Long> ofCase = latencies.getOrDefault("bench-" + i, List.of());
            all.addAll(ofCase);
            // one line a case: a slow one shows whether all its changes were late (a wait) or only some
            System.out.printf("bench: case bench-%d: %d changes, %s%n", i, ofCase.size(), ofCase.isEmpty() ? "none"
                    : "first after " + Collections.min(ofCase) + " ms, last after " + Collections.max(ofCase) + " ms");
        }
        return all;
    }

    private static void readChanges(HealthCodeConfig config, Map<String, Long> sentAt, Map<String, List<Long>> latencies,
                                    long[] lastChange, java.util.concurrent.atomic.AtomicBoolean done) {
        try (KafkaConsumer<String, String> consumer = CommittedConsumer.fromBeginning(config.live().bootstrapServers(),
                config.live().kafkaProperties(), config.live().topic("healthcode.changes"))) {
            consumer.seekToEnd(consumer.assignment());
            while (!done.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long readAt = System.nanoTime();
                    String episode = JSON.readTree(record.value()).path("cause").path("episodeId").asText();
                    String caseId = episode.substring(episode.indexOf(':') + 1);
                    Long sent = sentAt.get(caseId);
                    if (sent != null) {
                        latencies.computeIfAbsent(caseId, c -> Collections.synchronizedList(new ArrayList<>()))
                                .add((readAt - sent) / 1_000_000);
                        lastChange[0] = readAt;
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("bench: reading changes failed: " + e);
        }
    }

    /** The committed records of a topic (read until it has been quiet for a few seconds). */
    private static long committedRecords(HealthCodeConfig config, String topic) {
        long count = 0;
        try (KafkaConsumer<String, String> consumer = CommittedConsumer.fromBeginning(config.live().bootstrapServers(),
                config.live().kafkaProperties(), config.live().topic(topic))) {
            for (int empty = 0; empty < 10; ) {
                var records = consumer.poll(Duration.ofMillis(300));
                int polled = records.count();
                count += polled;
                if (count == polled && polled > 0) {
                    String first = records.iterator().next().value();
                    System.out.println("bench: rejected, the first: " + first.substring(0, Math.min(300, first.length())));
                }
                empty = polled == 0 ? empty + 1 : 0;
            }
        }
        return count;
    }

    /** (phone, owner) of every phone: its first bound person. */
    private static List<String[]> owners(Path city) throws Exception {
        Map<String, String> owners = new LinkedHashMap<>();
        for (String line : Files.readAllLines(city.resolve("subscribers.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode json = JSON.readTree(line);
            owners.putIfAbsent(json.get("msisdn").asText(), json.get("personId").asText());
        }
        List<String[]> list = new ArrayList<>();
        owners.forEach((phone, person) -> list.add(new String[] {phone, person}));
        return list;
    }

    private static String iso(long time) {
        return Instant.ofEpochMilli(time).atOffset(ZoneOffset.ofHours(8)).toString();
    }

    private static long bytesUnder(String savepoint) throws Exception {
        Path folder = Path.of(URI.create(savepoint.startsWith("file:") ? savepoint : "file:" + savepoint));
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
