package healthcode.jobs.backfill;

import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.HealthCodeOutputs;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import healthcode.jobs.healthcode.SourceSpec;
import healthcode.jobs.io.JsonLinesSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A bounded run of the workflows over the JSON-lines files of a folder, on an embedded Flink
 * cluster with the configured state backend. Sources emit no watermark until they end, so every
 * record is applied in event-time order whatever the order of the files' lines.
 */
public final class BackfillJob {
    static final List<InputDecoder<?>> DECODERS = HealthCodeWorkflow.decoders();

    /** Lines written per output file. */
    public record Result(Map<OutputFiles.Output, Integer> lines, long horizon) {
        public int count(String output) {
            return lines.entrySet().stream().filter(e -> e.getKey().name.equals(output)).mapToInt(Map.Entry::getValue)
                    .sum();
        }
    }

    private BackfillJob() {}

    public static Result run(BackfillArguments args, HealthCodeConfig config) throws Exception {
        EditionBook book = new EditionBook(EditionLoader.loadFolder(config.editionsFolder()), args.edition());
        Long latest = args.until() != null ? args.until() : InputScan.latestEventTime(args.input(), DECODERS);
        long horizon = latest == null ? Long.MIN_VALUE : latest;

        Path parts;
        try {
            Files.createDirectories(args.output());
            parts = Files.createTempDirectory(args.output().toAbsolutePath(), ".parts-");
        } catch (IOException e) {
            throw new UsageException("cannot write to output folder " + args.output() + ": " + e);
        }
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flinkConfig(config));
            HealthCodeInputs inputs = new HealthCodeInputs();
            for (InputDecoder<?> decoder : DECODERS) {
                Path file = args.input().resolve(decoder.kind().fileName());
                if (Files.isRegularFile(file)) {
                    FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
                            new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri())).build();
                    inputs.with(decoder.kind(), new SourceSpec(source, WatermarkStrategy.noWatermarks()));
                }
            }
            OutputEncoder encoder = new OutputEncoder(config.outputZone());
            HealthCodeOutputs outputs = new HealthCodeOutputs(
                    new JsonLinesSink<>(parts, OutputFiles.Output.CHANGES.name, encoder::change),
                    new JsonLinesSink<>(parts, OutputFiles.Output.CURRENT.name, encoder::current),
                    new JsonLinesSink<>(parts, OutputFiles.Output.REJECTED.name, encoder::rejection));
            HealthCodeWorkflow.defineWorkflow(env, inputs, outputs, new HealthCodeEngine(book, config.engine()), horizon);
            env.execute("healthcode-backfill");

            Map<OutputFiles.Output, Integer> lines = new EnumMap<>(OutputFiles.Output.class);
            for (OutputFiles.Output output : OutputFiles.Output.values()) {
                lines.put(output, OutputFiles.merge(parts, output, args.output()));
            }
            return new Result(lines, horizon);
        } finally {
            deleteRecursively(parts);
        }
    }

    static Configuration flinkConfig(HealthCodeConfig config) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, config.backfillParallelism());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        return conf;
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
