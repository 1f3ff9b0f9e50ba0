package healthcode.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.live.LiveKit;
import healthcode.jobs.config.LiveConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml cannot run here (no Docker engine), so it is held to what the tests do run: the
 * images of the versions the build uses, every mounted file present, the job jar the build makes, and a
 * job configuration that differs from config/healthcode.yaml only in the containers' addresses.
 */
class DockerComposeTest {
    private static final Path HOME = Path.of("..");
    private static final Path DOCKER = HOME.resolve("docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theServicesRunTheBrokerAndFlinkVersionsTheBuildUses() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertEquals(List.of("kafka", "jobmanager", "taskmanager", "setup"), List.copyOf(services.keySet()));
        assertEquals("apache/kafka:" + pomProperty("kafka.broker.version"), services.get("kafka").get("image"));
        for (String flink : List.of("jobmanager", "taskmanager", "setup")) {
            assertEquals("flink:" + pomProperty("flink.version") + "-java17", services.get(flink).get("image"), flink);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedFileExistsAndTheJarIsTheOneTheBuildMakes() throws Exception {
        int mounts = 0;
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            for (String volume : (List<String>) service.getValue().getOrDefault("volumes", List.of())) {
                String host = volume.split(":")[0];
                if (host.startsWith(".")) {
                    assertTrue(Files.exists(DOCKER.resolve(host)), service.getKey() + " mounts " + host);
                    mounts++;
                }
            }
        }
        assertEquals(6, mounts, "config/ for the JobManager and the TaskManager; config/, job config, jar and script for setup");
        String compose = Files.readString(DOCKER.resolve("compose.yaml"));
        String jar = LiveKit.jobJar().getFileName().toString();
        assertTrue(compose.contains("../jobs/target/" + jar + ":"), "compose mounts " + jar);
        String setup = Files.readString(DOCKER.resolve("setup.sh"));
        for (String entryPoint : List.of("healthcode.jobs.live.LiveJobMain", "healthcode.jobs.Main")) {
            assertTrue(setup.contains(entryPoint));
            Class.forName(entryPoint);
        }
    }

    @Test
    void theContainersJobConfigurationIsTheProjectsWithTheContainersAddresses() throws Exception {
        HealthCodeConfig project = HealthCodeConfig.load(HOME.resolve("config").resolve("healthcode.yaml"));
        HealthCodeConfig docker = HealthCodeConfig.load(DOCKER.resolve("healthcode.yaml"));
        assertEquals(Path.of("/opt/healthcode/config/editions"), docker.editionsFolder());
        assertEquals(project.outputZone(), docker.outputZone());
        assertEquals(project.engine(), docker.engine());
        assertEquals(project.companions(), docker.companions());
        assertEquals(project.towerTable(), docker.towerTable());
        LiveConfig live = docker.live();
        assertEquals("kafka:9092", live.bootstrapServers());
        assertEquals("file:///opt/healthcode/state/checkpoints", live.checkpointDirectory());
        assertEquals("file:///opt/healthcode/state/savepoints", live.savepointDirectory());
        LiveConfig expected = new LiveConfig(live.bootstrapServers(), project.live().kafkaProperties(),
                project.live().topicNames(), project.live().partitions(), project.live().replicationFactor(),
                project.live().retention(), project.live().maxOutOfOrderness(), project.live().idleTimeout(),
                project.live().clockLag(), project.live().progressStep(), project.live().watermarkInterval(),
                project.live().checkpointInterval(),
                project.live().checkpointTimeout(), live.checkpointDirectory(), live.savepointDirectory(),
                project.live().stateBackend(), project.live().heapEventsPerSubtask(), project.live().restartAttempts(), project.live().restartDelay(),
                project.live().transactionTimeout(), project.live().companionJob(), project.live().healthCodeJob());
        assertEquals(expected, live);
    }

    @Test
    void theClusterConfigurationKeepsRocksDbIncrementalCheckpointsAndRestarts() {
        Configuration flink = GlobalConfiguration.loadConfiguration(HOME.resolve("config").resolve("flink").toString());
        assertEquals("rocksdb", flink.toMap().get("state.backend.type"));
        assertEquals("true", flink.toMap().get("execution.checkpointing.incremental"));
        assertEquals("fixed-delay", flink.toMap().get("restart-strategy.type"));
        assertEquals("4096m", flink.toMap().get("taskmanager.memory.process.size"));
    }

    private static String pomProperty(String name) throws Exception {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(HOME.resolve("pom.xml")));
        assertTrue(m.find(), name);
        return m.group(1);
    }
}
