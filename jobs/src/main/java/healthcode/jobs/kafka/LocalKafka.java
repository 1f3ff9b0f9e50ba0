package healthcode.jobs.kafka;

import healthcode.jobs.local.LocalProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A single-node Apache Kafka KRaft broker from the Maven Central jars (module {@code local-kafka}),
 * run as its own JVM on loopback with its data, log and pid file under one folder. Used by
 * {@code bin/healthcode kafka}, the demo and the tests alike.
 */
public final class LocalKafka {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** Marks our JVMs early on their command line (which the OS may cut short): a pid file can outlive its process. */
    private static final String MARKER = "-Dhealthcode.local-kafka";

    private final Path folder;
    private final int port;

    private LocalKafka(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Starts a broker on {@code port} (0: any free port) with its data under {@code folder}, formatting the
     * storage on first use, and waits until it accepts connections.
     *
     * @param detached whether the broker outlives this JVM and its terminal (as {@code kafka start} wants)
     */
    public static LocalKafka start(Path home, Path folder, int port, boolean detached) throws IOException,
            InterruptedException {
        Optional<LocalKafka> running = running(folder);
        if (running.isPresent()) {
            return running.get();
        }
        Files.createDirectories(folder);
        int brokerPort = port == 0 ? LocalProcesses.freePort() : port;
        int controllerPort = LocalProcesses.freePort();
        Path properties = folder.resolve("server.properties");
        Files.writeString(properties, serverProperties(folder, brokerPort, controllerPort));
        Files.writeString(folder.resolve("log4j2.properties"), LOG_CONFIG.replace("@LOG@",
                folder.resolve("broker.log").toString()));
        if (!Files.isDirectory(folder.resolve("data"))) {
            runToCompletion(home, folder, List.of("kafka.tools.StorageTool", "format",
                    // joined: an id may start with '-', which would read as an option
                    "--cluster-id=" + clusterId(), "--config", properties.toString()), "format the broker storage");
        }
        List<String> command = new ArrayList<>(javaCommand(home, folder, "-Xmx512m"));
        command.addAll(List.of("kafka.Kafka", properties.toString()));
        Process process = LocalProcesses.start(command, detached, folder.resolve("broker.out"), folder.resolve("broker.pid"));
        Files.writeString(folder.resolve("broker.port"), Integer.toString(brokerPort));
        LocalKafka kafka = new LocalKafka(folder, brokerPort);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!LocalProcesses.accepts(brokerPort) || !TopicAdmin.ready(kafka.bootstrapServers())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the Kafka broker did not start; see " + folder.resolve("broker.out")
                        + " and " + folder.resolve("broker.log"));
            }
            Thread.sleep(200);
        }
        return kafka;
    }

    /** The broker already running from this folder, if there is one. */
    public static Optional<LocalKafka> running(Path folder) throws IOException {
        Optional<ProcessHandle> process = process(folder);
        if (process.isEmpty() || !Files.isRegularFile(folder.resolve("broker.port"))) {
            return Optional.empty();
        }
        int port = Integer.parseInt(Files.readString(folder.resolve("broker.port")).trim());
        return Optional.of(new LocalKafka(folder, port));
    }

    /** Stops the broker of this folder (a controlled shutdown), if it runs; true if one was stopped. */
    public static boolean stop(Path folder) throws IOException, InterruptedException {
        Optional<ProcessHandle> process = process(folder);
        if (process.isEmpty()) {
            return false;
        }
        LocalProcesses.stop(process.get(), STOP_TIMEOUT, folder.resolve("broker.pid"));
        return true;
    }

    public void stop() throws IOException, InterruptedException {
        stop(folder);
    }

    /** Starts a Kafka tool (for instance {@code org.apache.kafka.tools.consumer.ConsoleConsumer}) in its own JVM. */
    public static ProcessBuilder tool(Path home, Path folder, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(javaCommand(home, folder, "-Xmx256m"));
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    private static Optional<ProcessHandle> process(Path folder) throws IOException {
        return LocalProcesses.process(folder.resolve("broker.pid"), MARKER);
    }

    private static void runToCompletion(Path home, Path folder, List<String> mainAndArgs, String what)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand(home, folder, "-Xmx256m"));
        command.addAll(mainAndArgs);
        Path out = folder.resolve("tool.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IOException("could not " + what + ": " + Files.readString(out).strip());
        }
    }

    private static List<String> javaCommand(Path home, Path folder, String heap) throws IOException {
        return LocalProcesses.javaCommand(home, "local-kafka", MARKER + "=" + folder,
                List.of(heap, "-Dlog4j2.configurationFile=" + folder.resolve("log4j2.properties")));
    }

    private static String serverProperties(Path folder, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + folder.resolve("data"),
                // topics come from `healthcode topics`, so a typo in a topic name fails instead of creating one
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // as the stock broker: the jobs check their transaction timeout against it at start-up
                "transaction.max.timeout.ms=900000",
                "") ;
    }

    private static final String LOG_CONFIG = String.join("\n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.file.ref=file",
            "appender.file.type=File",
            "appender.file.name=file",
            "appender.file.fileName=@LOG@",
            "appender.file.layout.type=PatternLayout",
            "appender.file.layout.pattern=%d{ISO8601} %-5p %c{1} - %m%n",
            "logger.kafka.name=kafka",
            "logger.kafka.level=WARN",
            "logger.apache.name=org.apache.kafka",
            "logger.apache.level=WARN",
            "");

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

}
