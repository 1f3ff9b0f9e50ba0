package healthcode.jobs;

import healthcode.common.rules.EditionException;
import healthcode.common.time.Times;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.bench.BenchSuite;
import healthcode.jobs.bench.CoverBenchmark;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.backfill.UsageException;
import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.demo.BackfillDemo;
import healthcode.jobs.demo.LiveDemo;
import java.time.Duration;
import healthcode.jobs.kafka.LocalKafka;
import healthcode.jobs.kafka.TopicAdmin;
import healthcode.jobs.live.LiveJobMain;
import healthcode.jobs.local.LocalFlink;
import healthcode.jobs.cluster.ClusterJobs;
import org.apache.flink.api.common.JobID;
import healthcode.jobs.live.LiveJobs;
import healthcode.jobs.workload.WorkloadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The command line behind {@code bin/healthcode}. Exit status 2 with one line on stderr for unusable input. */
public final class Main {
    static final String USAGE = "usage: healthcode demo [backfill] [--scenario DIR] | backfill --input DIR --output DIR [--edition ID] [--until TIME]"
            + " [--config FILE] | generate --output DIR [--phones N] [--days D] [--seed S] [--counties FILE]"
            + " | kafka start|stop [--dir DIR] [--port N] | cluster start|taskmanager|stop [--dir DIR] [--port N] [--taskmanagers N]"
            + " | topics [--config FILE]"
            + " | live companions|health-codes [--config FILE]"
            + " | submit|savepoint|stop|resume --cluster URL [--config FILE] [--savepoint PATH] [--jar FILE] JOB"
            + " | bench [smoke] [--phones N] [--days D] [--day-phones N] [--city-phones N] [--replay-rate R] [--seed S] [--output FILE]"
            + " | bench live [--city-phones N] [--replay-rate R] [--seed S] | bench cover [--geojson FILE]";

    private Main() {}

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        if (argv.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            switch (argv[0]) {
                case "backfill" -> {
                    BackfillArguments args = BackfillArguments.parse(rest, defaultConfig());
                    HealthCodeConfig config = HealthCodeConfig.load(args.config());
                    BackfillJob.Result result = BackfillJob.run(args, config);
                    System.out.printf("backfill: %d changes, %d persons, %d companions, %d area exposures, %d rejected -> %s%n",
                            result.count("changes"), result.count("current"), result.count("companions"),
                            result.count("area-exposures"), result.count("rejected"), args.output());
                    if (result.detectionsAfterHorizon() > 0) {
                        int after = result.detectionsAfterHorizon();
                        System.out.printf("backfill: %d %s after the horizon %s; --until a later time applies %s%n",
                                after, after == 1 ? "detection lies" : "detections lie",
                                Times.format(result.horizon(), config.outputZone()), after == 1 ? "it" : "them");
                    }
                }
                case "demo" -> {
                    String usage = "demo [backfill] [--pause-ms N] [--scenario DIR]";
                    Options options = Options.parse(rest, List.of("--pause-ms", "--scenario"), usage);
                    if (options.words().equals(List.of("backfill"))) {
                        BackfillDemo.run(home(), defaultConfig());
                    } else if (options.words().isEmpty()) {
                        Path scenario = Path.of(options.get("--scenario",
                                home().resolve("demo").resolve("scenario").toString()));
                        if (!Files.isRegularFile(scenario.resolve("pings.jsonl"))) {
                            throw new UsageException("demo: " + scenario + " has no pings.jsonl; give a folder of"
                                    + " `generate` or demo/scenario");
                        }
                        LiveDemo.run(home(), home().resolve(".local").resolve("demo"), scenario,
                                Duration.ofMillis(options.port("--pause-ms", 15)), System.out);
                    } else {
                        throw new UsageException("usage: " + usage);
                    }
                }
                case "kafka" -> kafka(rest);
                case "cluster" -> cluster(rest);
                case "submit", "savepoint", "stop", "resume" -> clusterJob(argv[0], rest);
                case "generate" -> generate(rest);
                case "topics" -> {
                    Options options = Options.parse(rest, List.of("--config"), "topics [--config FILE]");
                    HealthCodeConfig config = HealthCodeConfig.load(Path.of(options.get("--config",
                            defaultConfig().toString())));
                    try (TopicAdmin admin = new TopicAdmin(config.live())) {
                        admin.createTopics().forEach(line -> System.out.println("topics: " + line));
                    }
                }
                case "live" -> {
                    Options options = Options.parse(rest, List.of("--config"), "live companions|health-codes [--config FILE]");
                    if (options.words().size() != 1) {
                        throw new UsageException("live: name one job: companions or health-codes");
                    }
                    HealthCodeConfig config = HealthCodeConfig.load(Path.of(options.get("--config",
                            defaultConfig().toString())));
                    LiveJobMain.run(config, LiveJobs.Job.of(options.words().get(0)));
                }
                case "bench" -> bench(rest);
                default -> {
                    System.err.println("unknown command '" + argv[0] + "'; " + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (UsageException | ConfigException | EditionException e) {
            System.err.println("healthcode: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("healthcode: failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static void generate(List<String> rest) throws Exception {
        String usage = "generate --output DIR [--phones N] [--days D] [--seed S] [--counties FILE]";
        Options options = Options.parse(rest, List.of("--output", "--phones", "--days", "--seed", "--counties"), usage);
        if (!options.words().isEmpty() || options.get("--output", null) == null) {
            throw new UsageException("usage: " + usage);
        }
        Path counties = Path.of(options.get("--counties",
                home().resolve("..").resolve("shared").resolve("data").resolve("guangxi-counties.geojson").toString()));
        if (!Files.isRegularFile(counties)) {
            throw new UsageException("county polygons " + counties + " do not exist; give --counties FILE");
        }
        WorkloadGenerator.Settings settings = WorkloadGenerator.Settings.of(options.positive("--phones", 10_000),
                options.positive("--days", 7), options.positive("--seed", 1));
        Path output = Path.of(options.get("--output", null));
        WorkloadGenerator.Size size = WorkloadGenerator.write(output, settings, counties);
        System.out.printf("generate: %d phones, %d persons, %d pings, %d towers, %d venues, %d cases, %d NAT results,"
                + " %d arrivals -> %s%n", size.phones(), size.persons(), size.pings(), size.towers(), size.venues(),
                size.cases(), size.natResults(), size.arrivals(), output);
    }

    private static void bench(List<String> rest) throws Exception {
        String usage = "bench [smoke] [--phones N] [--days D] [--day-phones N] [--city-phones N] [--replay-rate R] [--seed S] [--output FILE]"
                + " | bench live [--city-phones N] [--replay-rate R] [--seed S] | bench cover [--geojson FILE]";
        Options options = Options.parse(rest, List.of("--phones", "--days", "--day-phones", "--city-phones", "--replay-rate", "--seed", "--output",
                "--geojson"), usage);
        Path counties = home().resolve("..").resolve("shared").resolve("data").resolve("guangxi-counties.geojson");
        HealthCodeConfig config = HealthCodeConfig.load(defaultConfig());
        if (options.words().equals(List.of("cover"))) {
            CoverBenchmark.run(Path.of(options.get("--geojson", counties.toString())), config.companions().h3Resolution());
            return;
        }
        boolean live = options.words().equals(List.of("live"));
        if (options.get("--geojson", null) != null || !(live || options.words().isEmpty() || options.words().equals(List.of("smoke")))
                || (live && (options.get("--phones", null) != null || options.get("--days", null) != null
                        || options.get("--day-phones", null) != null || options.get("--output", null) != null))) {
            throw new UsageException("usage: " + usage);
        }
        Path output = Path.of(options.get("--output", home().resolve("BENCHMARKS.md").toString()));
        BenchSuite.Settings defaults = options.words().isEmpty() || live
                ? new BenchSuite.Settings(2_000, 7, 200_000, 200_000, 0, 2022, 20, 2, false, output, counties)
                : BenchSuite.Settings.smoke(output, counties);
        BenchSuite.Settings settings = new BenchSuite.Settings(options.positive("--phones", defaults.phones()),
                options.positive("--days", defaults.days()), options.positive("--day-phones", defaults.dayPhones()),
                options.positive("--city-phones", defaults.cityPhones()),
                options.nonNegative("--replay-rate", defaults.replayRate()),
                options.positive("--seed", (int) defaults.seed()), defaults.provinceCasesPer10k(), defaults.casesPer10k(), defaults.smoke(), output, counties);
        if (live) {
            BenchSuite.runLive(settings, config, home());
        } else {
            BenchSuite.run(settings, config, home());
        }
    }

    private static void clusterJob(String command, List<String> rest) throws Exception {
        String usage = command + " --cluster URL [--config FILE]" + (command.equals("resume") ? " --savepoint PATH" : "")
                + (command.equals("submit") || command.equals("resume") ? " [--jar FILE]" : "") + " companions|health-codes";
        Options options = Options.parse(rest, List.of("--cluster", "--config", "--savepoint", "--jar"), usage);
        String savepoint = options.get("--savepoint", null);
        if (options.words().size() != 1 || options.get("--cluster", null) == null
                || (savepoint == null) == command.equals("resume")
                || (options.get("--jar", null) != null && !command.equals("submit") && !command.equals("resume"))) {
            throw new UsageException("usage: " + usage);
        }
        LiveJobs.Job job = LiveJobs.Job.of(options.words().get(0));
        HealthCodeConfig config = HealthCodeConfig.load(Path.of(options.get("--config", defaultConfig().toString())));
        String name = job.settings(config.live()).name();
        try (ClusterJobs cluster = ClusterJobs.connect(options.get("--cluster", null))) {
            switch (command) {
                case "submit", "resume" -> {
                    String jar = options.get("--jar", System.getProperty("healthcode.jobJar")); // set by bin/healthcode
                    if (jar == null) {
                        throw new UsageException(command + ": give the job jar with --jar FILE");
                    }
                    JobID id = cluster.submit(Path.of(jar), config, job, savepoint);
                    System.out.println(command + ": " + name + " runs as " + id
                            + (savepoint == null ? "" : ", from " + savepoint));
                }
                case "savepoint" -> System.out.println("savepoint: " + name + " -> " + cluster.savepoint(config, job));
                default -> System.out.println("stop: " + name + " stopped with savepoint " + cluster.stop(config, job));
            }
        }
    }

    private static void cluster(List<String> rest) throws Exception {
        String usage = "cluster start|taskmanager|stop [--dir DIR] [--port N] [--taskmanagers N]";
        Options options = Options.parse(rest, List.of("--dir", "--port", "--taskmanagers"), usage);
        if (options.words().size() != 1) {
            throw new UsageException("usage: " + usage);
        }
        Path dir = Path.of(options.get("--dir", home().resolve(".local").resolve("flink").toString()));
        switch (options.words().get(0)) {
            case "start" -> {
                LocalFlink cluster = LocalFlink.start(home(), dir, options.port("--port", 8081),
                        options.positive("--taskmanagers", 1), Map.of(), true);
                System.out.println("cluster: " + cluster.taskManagers().size() + " TaskManager(s), REST and web UI at "
                        + cluster.restUrl() + ", logs in " + dir.resolve("logs"));
            }
            case "taskmanager" -> {
                LocalFlink cluster = LocalFlink.running(home(), dir)
                        .orElseThrow(() -> new UsageException("cluster taskmanager: no cluster runs from " + dir));
                cluster.startTaskManager(true);
                System.out.println("cluster: started a TaskManager for " + cluster.restUrl());
            }
            case "stop" -> System.out.println(LocalFlink.stop(dir) ? "cluster: stopped the cluster of " + dir
                    : "cluster: no cluster runs from " + dir);
            default -> throw new UsageException("usage: " + usage);
        }
    }

    private static void kafka(List<String> rest) throws Exception {
        String usage = "kafka start|stop [--dir DIR] [--port N]";
        Options options = Options.parse(rest, List.of("--dir", "--port"), usage);
        if (options.words().size() != 1) {
            throw new UsageException("usage: " + usage);
        }
        Path dir = Path.of(options.get("--dir", home().resolve(".local").resolve("kafka").toString()));
        switch (options.words().get(0)) {
            case "start" -> {
                LocalKafka kafka = LocalKafka.start(home(), dir, options.port("--port", 9092), true);
                System.out.println("kafka: broker at " + kafka.bootstrapServers() + ", data in " + dir);
            }
            case "stop" -> System.out.println(LocalKafka.stop(dir) ? "kafka: stopped the broker of " + dir
                    : "kafka: no broker runs from " + dir);
            default -> throw new UsageException("usage: " + usage);
        }
    }

    /** The project folder: set by bin/healthcode, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("healthcode.home", "."));
    }

    static Path defaultConfig() {
        return home().resolve("config").resolve("healthcode.yaml");
    }
}
