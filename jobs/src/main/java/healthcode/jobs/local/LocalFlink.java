package healthcode.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster from the Maven Central jars (module {@code local-flink}): a JobManager
 * and TaskManager JVMs started as Flink's own scripts start them, with {@code config/flink} as their
 * configuration folder, and their pid files and logs under one folder. Used by
 * {@code bin/healthcode cluster} and the cluster tests alike.
 */
public final class LocalFlink {
    private static final String MARKER = "-Dhealthcode.local-flink";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path home;
    private final Path folder;
    private final int restPort;
    /** The {@code -D key=value} settings every process of this cluster gets on top of the configuration folder. */
    private final List<String> dynamic;

    private LocalFlink(Path home, Path folder, int restPort, List<String> dynamic) {
        this.home = home;
        this.folder = folder;
        this.restPort = restPort;
        this.dynamic = dynamic;
    }

    /**
     * Starts a JobManager on {@code restPort} (0: any free port) and {@code taskManagers} TaskManagers, with
     * {@code settings} over the configuration folder, and waits until every TaskManager has registered.
     *
     * @param detached whether the cluster outlives this JVM and its terminal (as {@code cluster start} wants)
     */
    public static LocalFlink start(Path home, Path folder, int restPort, int taskManagers, Map<String, String> settings,
                                   boolean detached) throws IOException, InterruptedException {
        Optional<LocalFlink> running = running(home, folder);
        if (running.isPresent()) {
            return running.get();
        }
        Files.createDirectories(folder.resolve("logs"));
        Files.createDirectories(folder.resolve("tmp"));
        int port = restPort == 0 ? LocalProcesses.freePort() : restPort;
        List<String> dynamic = new ArrayList<>(List.of("rest.port=" + port,
                // its own RPC port, so clusters of several folders (tests, a developer's) never meet
                "jobmanager.rpc.port=" + LocalProcesses.freePort(), "io.tmp.dirs=" + folder.resolve("tmp"),
                "taskmanager.host=localhost"));
        settings.forEach((key, value) -> dynamic.add(key + "=" + value));
        Files.writeString(folder.resolve("dynamic.properties"), String.join("\n", dynamic) + "\n");
        LocalFlink cluster = new LocalFlink(home, folder, port, dynamic);
        Process jobManager = cluster.launch("jobmanager", "GET_JM_RESOURCE_PARAMS",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", detached);
        for (int i = 0; i < taskManagers; i++) {
            cluster.startTaskManager(detached);
        }
        cluster.awaitTaskManagers(taskManagers, jobManager);
        return cluster;
    }

    /** The cluster already running from this folder, if there is one. */
    public static Optional<LocalFlink> running(Path home, Path folder) throws IOException {
        if (process(folder.resolve("jobmanager.pid")).isEmpty()) {
            return Optional.empty();
        }
        List<String> dynamic = Files.readAllLines(folder.resolve("dynamic.properties"));
        int port = Integer.parseInt(dynamic.get(0).substring("rest.port=".length()));
        return Optional.of(new LocalFlink(home, folder, port, dynamic));
    }

    /** Stops the TaskManagers and then the JobManager of this folder; true if a JobManager was stopped. */
    public static boolean stop(Path folder) throws IOException, InterruptedException {
        for (Path pidFile : taskManagerPidFiles(folder)) {
            Optional<ProcessHandle> taskManager = process(pidFile);
            if (taskManager.isPresent()) {
                LocalProcesses.stop(taskManager.get(), STOP_TIMEOUT, pidFile);
            }
            Files.deleteIfExists(pidFile);
        }
        Path pidFile = folder.resolve("jobmanager.pid");
        Optional<ProcessHandle> jobManager = process(pidFile);
        if (jobManager.isPresent()) {
            LocalProcesses.stop(jobManager.get(), STOP_TIMEOUT, pidFile);
        }
        return jobManager.isPresent();
    }

    /** Starts one more TaskManager JVM (it registers with the JobManager on its own). */
    public ProcessHandle startTaskManager(boolean detached) throws IOException, InterruptedException {
        return launch("taskmanager-" + (taskManagerPidFiles(folder).size() + 1), "GET_TM_RESOURCE_PARAMS",
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", detached).toHandle();
    }

    /** The TaskManager processes that run now. */
    public List<ProcessHandle> taskManagers() throws IOException {
        List<ProcessHandle> running = new ArrayList<>();
        for (Path pidFile : taskManagerPidFiles(folder)) {
            process(pidFile).ifPresent(running::add);
        }
        return running;
    }

    /** The cluster's REST address, as {@code bin/healthcode submit --cluster} takes it. */
    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    public Path folder() {
        return folder;
    }

    /** Waits until {@code count} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int count, Process jobManager) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (registeredTaskManagers() != count) {
            if ((jobManager != null && !jobManager.isAlive()) || System.nanoTime() > deadline) {
                throw new IOException("the Flink cluster did not start with " + count + " TaskManagers; see the logs in "
                        + folder.resolve("logs"));
            }
            Thread.sleep(250);
        }
    }

    /** The number of TaskManagers the JobManager knows of now, or -1 while its REST API does not answer. */
    public int registeredTaskManagers() throws InterruptedException {
        try {
            return rest("/overview").path("taskmanagers").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A GET of the cluster's REST API (e.g. {@code /jobs/<id>/checkpoints}), as JSON. */
    public JsonNode rest(String path) throws IOException, InterruptedException {
        return rest(restUrl(), path);
    }

    /** A GET of the REST API of any Flink cluster (an embedded one's too), as JSON. */
    public static JsonNode rest(String restUrl, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(restUrl + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return new ObjectMapper().readTree(response.body());
    }

    /** Starts a Flink process with the memory settings Flink's scripts derive from the configuration. */
    private Process launch(String name, String resourceCommand, String mainClass, boolean detached)
            throws IOException, InterruptedException {
        Path configDir = home.resolve("config").resolve("flink");
        List<String> dynamicArgs = new ArrayList<>();
        dynamic.forEach(setting -> dynamicArgs.addAll(List.of("-D", setting)));
        List<String> resources = resourceParams(configDir, resourceCommand, dynamicArgs);
        List<String> jvm = new ArrayList<>(Arrays.asList(resources.get(0).split(" ")));
        jvm.addAll(javaOptions(configDir));
        jvm.add("-Dlog.file=" + folder.resolve("logs").resolve(name + ".log"));
        jvm.add("-Dlog4j.configurationFile=" + configDir.resolve("log4j.properties").toUri());
        List<String> command = new ArrayList<>(LocalProcesses.javaCommand(home, "local-flink", MARKER + "=" + folder, jvm));
        command.add(mainClass);
        command.addAll(List.of("--configDir", configDir.toString()));
        command.addAll(dynamicArgs);
        // the TaskManager's memory layout, as the JVM was sized for it
        for (String setting : resources.get(1).isBlank() ? new String[0] : resources.get(1).trim().split(" (?=-D )")) {
            command.addAll(List.of("-D", setting.substring(3)));
        }
        return LocalProcesses.start(command, detached, folder.resolve("logs").resolve(name + ".out"),
                folder.resolve(name + ".pid"));
    }

    /** BashJavaUtils' JVM flags and {@code -D} settings for a JobManager or TaskManager, as Flink's scripts ask it. */
    private List<String> resourceParams(Path configDir, String command, List<String> dynamicArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(LocalProcesses.javaCommand(home, "local-flink", MARKER + "=" + folder,
                List.of("-Xmx128m")));
        args.addAll(List.of("org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", configDir.toString()));
        args.addAll(dynamicArgs);
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        List<String> results = output.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (process.waitFor() != 0 || results.size() < 2) {
            throw new IOException("Flink could not size the " + (command.contains("JM") ? "JobManager" : "TaskManager")
                    + " from " + configDir + ": " + output.strip());
        }
        return results.subList(results.size() - 2, results.size());
    }

    /** The configuration folder's {@code env.java.opts.all} (the module flags Flink needs on Java 17). */
    private static List<String> javaOptions(Path configDir) {
        org.apache.flink.configuration.Configuration conf =
                org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(configDir.toString());
        String options = conf.get(org.apache.flink.configuration.CoreOptions.FLINK_JVM_OPTIONS);
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }

    private static List<Path> taskManagerPidFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("taskmanager-\\d+\\.pid")).sorted().toList();
        }
    }

    private static Optional<ProcessHandle> process(Path pidFile) throws IOException {
        return LocalProcesses.process(pidFile, MARKER);
    }
}
