package healthcode.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import healthcode.jobs.live.LiveJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live section: defaults, topic names, secrets kept out of the file, and the transaction timeout check. */
class LiveConfigTest {
    @TempDir
    Path temp;

    private HealthCodeConfig load(String live) throws Exception {
        return ConfigFiles.loadSection(temp, "live", live);
    }

    @Test
    void theProjectsConfigurationIsTheDefaults() throws Exception {
        LiveConfig shipped = HealthCodeConfig.load(Path.of("..", "config", "healthcode.yaml")).live();
        LiveConfig defaults = load("  {}\n").live();
        assertEquals(defaults.bootstrapServers(), shipped.bootstrapServers());
        assertEquals(defaults.topicNames(), shipped.topicNames());
        assertEquals(defaults.transactionTimeout(), shipped.transactionTimeout());
        assertEquals(defaults.companionJob(), shipped.companionJob());
        assertEquals(Duration.ofSeconds(10), shipped.checkpointInterval());
        assertEquals("telecom.pings", shipped.topic("telecom.pings"));
        assertEquals(defaults.heapEventsPerSubtask(), shipped.heapEventsPerSubtask());
    }

    @Test
    void theHeapLimitOfWaitingRecordsReachesBothJobs() throws Exception {
        LiveConfig live = load("  heapEventsPerSubtask: 250000\n").live();
        for (LiveJobs.Job job : LiveJobs.Job.values()) {
            assertEquals(Map.of("healthcode.heapEventsPerSubtask", "250000"),
                    LiveJobs.flinkConfig(live, job).get(PipelineOptions.GLOBAL_JOB_PARAMETERS));
        }
    }

    @Test
    void liveJobsKeepTheirTimersInRocksDb_soCheckpointsStayIncremental() throws Exception {
        LiveConfig live = load("  {}\n").live();
        for (LiveJobs.Job job : LiveJobs.Job.values()) {
            assertEquals(PriorityQueueStateType.ROCKSDB, LiveJobs.flinkConfig(live, job).get(RocksDBOptions.TIMER_SERVICE_FACTORY));
        }
    }

    @Test
    void aTopicCanBeRenamed_butOnlyATopicOfThePipeline() throws Exception {
        assertEquals("gx.pings", load("  topics:\n    names:\n      telecom.pings: gx.pings\n").live().topic("telecom.pings"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("  topics:\n    names:\n      telecom.ping: gx.pings\n"));
        assertEquals(temp.resolve("live.yaml") + ": live.topics.names.telecom.ping: not a topic of this pipeline; topics: "
                + LiveConfig.TOPICS, e.getMessage());
    }

    @Test
    void secretsComeFromAFileOrTheEnvironment_andAreNeverPrinted() throws Exception {
        Files.writeString(temp.resolve("jaas.secret"), "org.apache.kafka.common.security.scram.ScramLoginModule required;\n");
        LiveConfig live = load("  kafka:\n    properties:\n      sasl.jaas.config: ${file:jaas.secret}\n"
                + "      security.protocol: SASL_SSL\n").live();
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;",
                live.kafkaProperties().get("sasl.jaas.config"));
        assertFalse(live.toString().contains("ScramLoginModule"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("  kafka:\n    properties:\n      sasl.jaas.config: ${env:HEALTHCODE_NO_SUCH_VARIABLE}\n"));
        assertEquals(temp.resolve("live.yaml") + ": live.kafka.properties.sasl.jaas.config: environment variable "
                + "HEALTHCODE_NO_SUCH_VARIABLE is not set", e.getMessage());
    }

    @Test
    void waitsOnEventTimeAndTheCheckpointIntervalTakeDecimalSeconds_forLowLatency() throws Exception {
        LiveConfig live = load("  watermarks:\n    maxOutOfOrdernessSeconds: 0.25\n    clockLagSeconds: 0\n"
                + "    progressStepSeconds: 0.1\n    emitIntervalSeconds: 0.05\n  checkpoints:\n    intervalSeconds: 0.5\n").live();
        assertEquals(Duration.ofMillis(250), live.maxOutOfOrderness());
        assertEquals(Duration.ZERO, live.clockLag());
        assertEquals(Duration.ofMillis(100), live.progressStep());
        assertEquals(Duration.ofMillis(50), live.watermarkInterval());
        assertEquals(Duration.ofMillis(500), live.checkpointInterval());
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("  checkpoints:\n    intervalSeconds: 0.0001\n"));
        assertEquals(temp.resolve("live.yaml") + ": live.checkpoints.intervalSeconds: must be a positive number of"
                + " seconds (decimals to the millisecond allowed)", e.getMessage());
    }

    @Test
    void aTransactionMustOutliveACheckpointIntervalAndARestart() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                "  checkpoints:\n    intervalSeconds: 300\n  restart:\n    delaySeconds: 300\n  transactionTimeoutMinutes: 10\n"));
        assertEquals(temp.resolve("live.yaml") + ": live.transactionTimeoutMinutes: must exceed the checkpoint interval"
                + " plus the restart delay (600 s), or a transaction may time out before it is committed", e.getMessage());
    }
}
