package healthcode.jobs.bench;

import healthcode.common.codec.InputStreamKind;
import healthcode.common.codec.LocatedPings;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.companions.PingLocator;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.geo.TowerTable;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.backfill.UsageException;
import healthcode.jobs.companions.CompanionWorkflow;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.SourceSpec;
import healthcode.jobs.io.JsonLinesSink;
import healthcode.jobs.io.LocalFiles;
import healthcode.jobs.serde.TrackCodecs;
import healthcode.jobs.workload.WorkloadGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Pings per second through the companion workflow on the embedded cluster with the configured
 * state backend (RocksDB), beside a job that only reads and parses the same pings, in one run.
 * Usage: {@code bin/healthcode benchmark [companions] [--phones N] [--days D]}, or
 * {@code bin/healthcode benchmark cover [--geojson FILE]} for {@link CoverBenchmark}.
 */
public final class CompanionBenchmark {
    private CompanionBenchmark() {}

    public static void run(List<String> args, HealthCodeConfig config, Path home) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("cover")) {
            int i = args.indexOf("--geojson");
            Path file = i >= 0 && i + 1 < args.size() ? Path.of(args.get(i + 1))
                    : home.resolve("..").resolve("shared").resolve("data").resolve("guangxi-counties.geojson");
            CoverBenchmark.run(file, config.companions().h3Resolution());
            return;
        }
        int phones = intOption(args, "--phones", 2000);
        int days = intOption(args, "--days", 7);
        Path counties = home.resolve("..").resolve("shared").resolve("data").resolve("guangxi-counties.geojson");
        if (!Files.isRegularFile(counties)) {
            throw new UsageException("county polygons " + counties + " do not exist");
        }
        Path folder = Files.createTempDirectory("healthcode-bench-");
        try {
            WorkloadGenerator.Size size = WorkloadGenerator.write(folder, WorkloadGenerator.Settings.of(phones, days, 2022),
                    counties);
            TowerTable towers = TowerTable.read(Files.readAllLines(folder.resolve("towers.csv"), StandardCharsets.UTF_8));
            System.out.printf("synthetic province: %d phones, %d days, %,d pings, %d cases; parallelism %d, state backend %s%n",
                    phones, days, size.pings(), size.cases(), config.backfillParallelism(), config.stateBackend());
            parseOnly(folder, config, towers); // warm-up: class loading, JIT
            double parse = seconds(() -> parseOnly(folder, config, towers));
            long[][] detections = new long[1][];
            double companions = seconds(() -> detections[0] = companions(folder, config, towers));
            System.out.printf("parse only:          %6.1f s  %,10.0f pings/s%n", parse, size.pings() / parse);
            System.out.printf("companion workflow:  %6.1f s  %,10.0f pings/s  (%.1f x the parse-only time)%n", companions,
                    size.pings() / companions, companions / parse);
            System.out.printf("companion detections: %,d, area exposures: %,d%n", detections[0][0], detections[0][1]);
        } finally {
            LocalFiles.deleteRecursively(folder);
        }
    }

    private static void parseOnly(Path folder, HealthCodeConfig config, TowerTable towers) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        env.fromSource(LocalFiles.lines(folder.resolve("pings.jsonl")), WatermarkStrategy.noWatermarks(), "source-pings")
                .process(new DecodeFunction<>(locatedPings(config, towers), p -> p), TrackCodecs.LOCATED_PING)
                .sinkTo(new DiscardingSink<>());
        env.execute("benchmark-parse-only");
    }

    /** Runs the companion workflow; returns the numbers of companion detections and area exposures. */
    private static long[] companions(Path folder, HealthCodeConfig config, TowerTable towers) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        HealthCodeInputs inputs = new HealthCodeInputs()
                .with(InputStreamKind.PINGS, new SourceSpec(LocalFiles.lines(folder.resolve("pings.jsonl")),
                        WatermarkStrategy.noWatermarks()))
                .with(InputStreamKind.CASES, new SourceSpec(LocalFiles.lines(folder.resolve("cases.jsonl")),
                        WatermarkStrategy.noWatermarks()))
                .with(InputStreamKind.VENUES, new SourceSpec(LocalFiles.lines(folder.resolve("venues.geojson")),
                        WatermarkStrategy.noWatermarks()))
                .with(InputStreamKind.RISK_AREAS, new SourceSpec(LocalFiles.lines(folder.resolve("risk-areas.geojson")),
                        WatermarkStrategy.noWatermarks()));
        Path out = Files.createDirectories(folder.resolve("out"));
        OutputEncoder encoder = new OutputEncoder(config.outputZone());
        DataStream<PhoneEvent> detections = CompanionWorkflow.defineWorkflow(env, inputs, config.companions(),
                towers).detections();
        detections.filter(e -> e.companion != null).map(e -> e.companion)
                .sinkTo(new JsonLinesSink<>(out, "companions", encoder::companion));
        detections.filter(e -> e.areaExposure != null).map(e -> e.areaExposure)
                .sinkTo(new JsonLinesSink<>(out, "area-exposures", encoder::areaExposure));
        env.execute("benchmark-companions");
        return new long[] {lines(out, "companions-"), lines(out, "area-exposures-")};
    }

    private static long lines(Path folder, String prefix) throws IOException {
        try (Stream<Path> parts = Files.list(folder)) {
            long lines = 0;
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                lines += Files.readAllLines(part).size();
            }
            return lines;
        }
    }

    private static LocatedPings locatedPings(HealthCodeConfig config, TowerTable towers) {
        return new LocatedPings(new PingLocator(towers, config.companions().h3Resolution()));
    }

    private static StreamExecutionEnvironment environment(HealthCodeConfig config) {
        return StreamExecutionEnvironment.createLocalEnvironment(BackfillJob.flinkConfig(config));
    }

    private interface Job {
        void run() throws Exception;
    }

    private static double seconds(Job job) throws Exception {
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static int intOption(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        try {
            return Integer.parseInt(args.get(i + 1));
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new UsageException(name + " needs a whole number");
        }
    }
}
