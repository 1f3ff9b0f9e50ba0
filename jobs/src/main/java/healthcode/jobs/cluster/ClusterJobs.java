package healthcode.jobs.cluster;

import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.live.LiveJobMain;
import healthcode.jobs.live.LiveJobs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * The live jobs on a Flink session cluster, through its REST API: submit the job jar (built here, as
 * {@code flink run} builds it: the jar's entry point runs in this JVM on the jar's own classes), take
 * savepoints, stop with a savepoint, and resume from one. A job is known by its configured name.
 */
public final class ClusterJobs implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final URI cluster;
    private final RestClusterClient<StandaloneClusterId> client;

    private ClusterJobs(URI cluster, RestClusterClient<StandaloneClusterId> client) {
        this.cluster = cluster;
        this.client = client;
    }

    /** A client of the cluster at {@code url} ({@code http://host:port} or {@code host:port}). */
    public static ClusterJobs connect(String url) throws Exception {
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException("--cluster " + url + ": give the REST address as http://HOST:PORT");
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, uri.getHost());
        conf.set(RestOptions.PORT, uri.getPort());
        conf.set(RestOptions.RETRY_MAX_ATTEMPTS, 3);
        return new ClusterJobs(uri, new RestClusterClient<>(conf, StandaloneClusterId.getInstance()));
    }

    /**
     * Builds {@code job} from the job jar with the configuration (its file is what the jar's entry point reads),
     * and submits it; from a savepoint when {@code savepoint} is not null. Refuses a job that already runs under
     * its name.
     */
    public JobID submit(Path jobJar, HealthCodeConfig config, LiveJobs.Job job, String savepoint) throws Exception {
        String name = job.settings(config.live()).name();
        Optional<JobStatusMessage> running = running(name);
        if (running.isPresent()) {
            throw new ConfigException(name + " already runs on " + cluster + " as " + running.get().getJobId()
                    + " (" + running.get().getJobState() + "); stop it first");
        }
        if (!Files.isRegularFile(jobJar)) {
            throw new ConfigException("job jar " + jobJar + " does not exist; build it with `mvn -DskipTests package`");
        }
        Configuration conf = new Configuration();
        // This JVM's classpath holds what the jar holds, Flink and the connector too, so the entry point runs on
        // it; a child-first jar here would see two copies of the Kafka clients. The cluster loads the jar alone.
        conf.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jobJar.toFile())
                .setEntryPointClassName(LiveJobMain.class.getName())
                .setArguments(job.command, "--config", config.file().toAbsolutePath().toString())
                .setConfiguration(conf)
                .setSavepointRestoreSettings(savepoint == null ? SavepointRestoreSettings.none()
                        : SavepointRestoreSettings.forPath(savepoint, false))
                .build();
        try {
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, conf,
                    job.settings(config.live()).parallelism(), false);
            return client.submitJob(graph).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ProgramInvocationException e) {
            throw userError(e);
        } finally {
            program.close();
        }
    }

    /** Takes a savepoint of the running job; returns its path. */
    public String savepoint(HealthCodeConfig config, LiveJobs.Job job) throws Exception {
        JobID id = runningId(config, job);
        return client.triggerSavepoint(id, savepointDirectory(config, job), SavepointFormatType.CANONICAL)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Stops the running job with a savepoint (its sinks commit what the savepoint covers, and nothing after
     * it is written); returns the savepoint's path, from which {@code resume} continues.
     */
    public String stop(HealthCodeConfig config, LiveJobs.Job job) throws Exception {
        JobID id = runningId(config, job);
        return client.stopWithSavepoint(id, false, savepointDirectory(config, job), SavepointFormatType.CANONICAL)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The job of that name that has not ended (running, restarting, ...), if any. */
    public Optional<JobStatusMessage> running(String name) throws Exception {
        try {
            return client.listJobs().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(j -> j.getJobName().equals(name) && !j.getJobState().isGloballyTerminalState())
                    .findFirst();
        } catch (ExecutionException e) {
            throw new ConfigException("no Flink cluster answers at " + cluster + " (" + e.getCause().getMessage() + ")");
        }
    }

    /**
     * Cancels a job without a savepoint (its last checkpoint stays, as the live configuration retains it) and
     * waits until it has ended.
     */
    public void cancel(JobID id) throws Exception {
        client.cancel(id).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!status(id).isGloballyTerminalState() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    public JobStatus status(JobID id) throws Exception {
        return client.getJobStatus(id).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
    }

    private JobID runningId(HealthCodeConfig config, LiveJobs.Job job) throws Exception {
        String name = job.settings(config.live()).name();
        return running(name).orElseThrow(() -> new ConfigException(name + " does not run on " + cluster)).getJobId();
    }

    private static String savepointDirectory(HealthCodeConfig config, LiveJobs.Job job) {
        return config.live().savepointDirectory() + "/" + job.settings(config.live()).name();
    }

    /**
     * The job jar's own classes threw: a configuration or edition problem found while building the job
     * (a missing topic, a bad edition) is the user's, in one line; anything else is a failure.
     */
    private static Exception userError(ProgramInvocationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getSimpleName();
            if (type.equals("ConfigException") || type.equals("EditionException") || type.equals("UsageException")) {
                return new ConfigException(cause.getMessage());
            }
        }
        return e;
    }
}
