package healthcode.jobs;

import healthcode.common.rules.EditionException;
import healthcode.common.time.Times;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.bench.CompanionBenchmark;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.backfill.UsageException;
import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.demo.BackfillDemo;
import healthcode.jobs.demo.LiveDemo;
import java.time.Duration;
import healthcode.jobs.kafka.LiveWatermarks;
import healthcode.jobs.kafka.LocalKafka;
import healthcode.jobs.kafka.TopicAdmin;
import healthcode.jobs.live.LiveJobs;
import healthcode.jobs.workload.WorkloadGenerator;
import java.nio.file.Files;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The command line behind {@code bin/healthcode}. Exit status 2 with one line on stderr for unusable input. */
public final class Main {
    static final String USAGE = "usage: healthcode demo [backfill] | backfill --input DIR --output DIR [--edition ID] [--until TIME]"
            + " [--config FILE] | generate --output DIR [--phones N] [--days D] [--seed S] [--counties FILE]"
            + " | kafka start|stop [--dir DIR] [--port N] | topics [--config FILE]"
            + " | live companions|health-codes [--config FILE]"
            + " | benchmark [companions] [--phones N] [--days D] | benchmark cover [--geojson FILE]";

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
                    Options options = Options.parse(rest, List.of("--pause-ms"), "demo [backfill] [--pause-ms N]");
                    if (options.words().equals(List.of("backfill"))) {
                        BackfillDemo.run(home(), defaultConfig());
                    } else if (options.words().isEmpty()) {
                        LiveDemo.run(home(), home().resolve(".local").resolve("demo"),
                                Duration.ofMillis(options.port("--pause-ms", 15)), System.out);
                    } else {
                        throw new UsageException("usage: demo [backfill] [--pause-ms N]");
                    }
                }
                case "kafka" -> kafka(rest);
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
                    LiveJobs.Job job = LiveJobs.Job.of(options.words().get(0));
                    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                            LiveJobs.flinkConfig(config.live(), job));
                    LiveJobs.define(env, config, job, LiveWatermarks.SYSTEM);
                    env.execute(job.settings(config.live()).name());
                }
                case "benchmark" -> CompanionBenchmark.run(rest, HealthCodeConfig.load(defaultConfig()), home());
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
