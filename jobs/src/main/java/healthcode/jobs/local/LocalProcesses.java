package healthcode.jobs.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the local broker and cluster share: JVMs on a module's classpath file, known by a pid file and a
 * marker on their command line (a pid file can outlive its process, and the pid be reused).
 */
public final class LocalProcesses {
    private LocalProcesses() {}

    /** {@code java} with a heap and marker on the classpath a module wrote ({@code <module>/target/classpath.txt}). */
    public static List<String> javaCommand(Path home, String module, String marker, List<String> jvmOptions)
            throws IOException {
        Path classpathFile = home.resolve(module).resolve("target").resolve("classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IOException(classpathFile + " is missing: build with `mvn -DskipTests package` first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(marker);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Files.readString(classpathFile).strip());
        return command;
    }

    /** Starts {@code command}, outside the terminal's process group when detached (Ctrl-C elsewhere leaves it). */
    public static Process start(List<String> command, boolean detached, Path output, Path pidFile) throws IOException {
        List<String> full = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        return process;
    }

    /** The live process of a pid file whose command line carries {@code marker}. */
    public static Optional<ProcessHandle> process(Path pidFile, String marker) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).filter(p -> p.isAlive()
                && p.info().commandLine().map(c -> c.contains(marker)).orElse(true));
    }

    /** SIGTERM, then SIGKILL after {@code patience}; removes the pid file. */
    public static void stop(ProcessHandle process, Duration patience, Path pidFile) throws IOException,
            InterruptedException {
        process.destroy();
        long deadline = System.nanoTime() + patience.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
