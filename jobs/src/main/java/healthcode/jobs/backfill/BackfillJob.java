package healthcode.jobs.backfill;

import healthcode.common.codec.GeoJsonFeatures;
import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.LocatedPings;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.PingLocator;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.geo.TowerTable;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.jobs.Pipeline;
import healthcode.jobs.StateBackends;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.HealthCodeOutputs;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import healthcode.jobs.healthcode.SourceSpec;
import healthcode.jobs.io.JsonLinesSink;
import healthcode.jobs.io.LocalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A bounded run of the workflows over the JSON-lines files of a folder, on an embedded Flink
 * cluster with the configured state backend. Sources emit no watermark until they end, so every
 * record is applied in event-time order whatever the order of the files' lines.
 */
public final class BackfillJob {
    /** The input streams a backfill reads, by file; the detections are computed, not read. */
    static final List<InputDecoder<?>> DECODERS = inputDecoders(TowerTable.empty(), CompanionSettings.defaults());
    static final String TOWERS_FILE = "towers.csv";

    /** Lines written per output file. */
    /**
     * Lines written per output file, the horizon, and how many detections lie after it (written, but
     * their colour changes are beyond the horizon).
     */
    public record Result(Map<OutputFiles.Output, Integer> lines, long horizon, int detectionsAfterHorizon) {
        public int count(String output) {
            return lines.entrySet().stream().filter(e -> e.getKey().name.equals(output)).mapToInt(Map.Entry::getValue)
                    .sum();
        }
    }

    private BackfillJob() {}

    static List<InputDecoder<?>> inputDecoders(TowerTable towers, CompanionSettings settings) {
        List<InputDecoder<?>> decoders = new ArrayList<>(HealthCodeWorkflow.decoders());
        decoders.add(new LocatedPings(new PingLocator(towers, settings.h3Resolution())));
        decoders.add(new InputDecoders.Venues(settings.maxPolygonKm2()));
        decoders.add(new InputDecoders.RiskAreas(settings.maxPolygonKm2()));
        return decoders;
    }

    public static Result run(BackfillArguments args, HealthCodeConfig config) throws Exception {
        return run(args, config, decoder -> WatermarkStrategy.noWatermarks());
    }

    /**
     * With other watermarks per input stream: a backfill emits none until its input ends, so every
     * record applies in exact event-time order; tests also run it the way a live job sees time.
     */
    static Result run(BackfillArguments args, HealthCodeConfig config,
                      Function<InputDecoder<?>, WatermarkStrategy<String>> watermarks) throws Exception {
        EditionBook book = new EditionBook(EditionLoader.loadFolder(config.editionsFolder()), args.edition());
        TowerTable towers = towers(args.input(), config);
        Path parts;
        try {
            Files.createDirectories(args.output());
            parts = Files.createTempDirectory(args.output().toAbsolutePath(), ".parts-");
        } catch (IOException e) {
            throw new UsageException("cannot write to output folder " + args.output() + ": " + e);
        }
        try {
            Map<InputDecoder<?>, Path> files = inputFiles(args.input(), parts, towers, config.companions());
            Long latest = args.until() != null ? args.until() : InputScan.latestEventTime(files);
            long horizon = latest == null ? Long.MIN_VALUE : latest;

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flinkConfig(config));
            HealthCodeInputs inputs = new HealthCodeInputs();
            files.forEach((decoder, file) -> inputs.with(decoder.kind(),
                    new SourceSpec(LocalFiles.lines(file), watermarks.apply(decoder))));
            Pipeline.defineWorkflow(env, inputs, fileOutputs(parts, config), new HealthCodeEngine(book, config.engine()), horizon,
                    config.companions(), towers);
            env.execute("healthcode-backfill");

            Map<OutputFiles.Output, Integer> lines = new EnumMap<>(OutputFiles.Output.class);
            for (OutputFiles.Output output : OutputFiles.Output.values()) {
                lines.put(output, OutputFiles.merge(parts, output, args.output()));
            }
            int after = OutputFiles.countAfter(args.output(), OutputFiles.Output.COMPANIONS, "detectedAt", horizon)
                    + OutputFiles.countAfter(args.output(), OutputFiles.Output.AREA_EXPOSURES, "detectedAt", horizon);
            return new Result(lines, horizon, after);
        } finally {
            LocalFiles.deleteRecursively(parts);
        }
    }

    /** Sinks writing each output as JSON-lines part files into the folder (merged into one file per output after). */
    public static HealthCodeOutputs fileOutputs(Path parts, HealthCodeConfig config) {
        OutputEncoder encoder = new OutputEncoder(config.outputZone());
        return new HealthCodeOutputs(
                new JsonLinesSink<>(parts, OutputFiles.Output.CHANGES.name, encoder::change),
                new JsonLinesSink<>(parts, OutputFiles.Output.CURRENT.name, encoder::current),
                new JsonLinesSink<>(parts, OutputFiles.Output.REJECTED.name, encoder::rejection),
                new JsonLinesSink<>(parts, OutputFiles.Output.COMPANIONS.name, encoder::companion),
                new JsonLinesSink<>(parts, OutputFiles.Output.AREA_EXPOSURES.name, encoder::areaExposure));
    }

    /** The input folder's tower table, else the configured one, else none (only lat/lon pings are placed). */
    static TowerTable towers(Path input, HealthCodeConfig config) {
        Path file = input.resolve(TOWERS_FILE);
        if (!Files.isRegularFile(file)) {
            return config.readTowerTable();
        }
        try {
            return TowerTable.read(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The files to read per stream; a GeoJSON FeatureCollection is first split into one feature per line. */
    private static Map<InputDecoder<?>, Path> inputFiles(Path input, Path parts, TowerTable towers,
                                                         CompanionSettings settings) {
        Map<InputDecoder<?>, Path> files = new LinkedHashMap<>();
        for (InputDecoder<?> decoder : inputDecoders(towers, settings)) {
            Path file = input.resolve(decoder.kind().fileName());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            if (file.getFileName().toString().endsWith(".geojson")) {
                file = featuresPerLine(file, parts);
            }
            files.put(decoder, file);
        }
        return files;
    }

    private static Path featuresPerLine(Path file, Path parts) {
        try {
            Optional<List<String>> features = GeoJsonFeatures.ofCollection(Files.readString(file, StandardCharsets.UTF_8));
            if (features.isEmpty()) {
                return file;
            }
            Path lines = parts.resolve("input-" + file.getFileName() + ".jsonl");
            Files.write(lines, features.get(), StandardCharsets.UTF_8);
            return lines;
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static Configuration flinkConfig(HealthCodeConfig config) {
        Configuration conf = new Configuration();
        StateBackends.configureBackfill(conf, config.stateBackend(), config.backfillHeapEventsPerSubtask());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, config.backfillParallelism());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(config.backfillManagedMemoryMb()));
        return conf;
    }
}
