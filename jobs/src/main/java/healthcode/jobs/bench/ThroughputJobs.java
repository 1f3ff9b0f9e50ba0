package healthcode.jobs.bench;

import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.LocatedPings;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.companions.PingLocator;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.geo.TowerTable;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.companions.CompanionWorkflow;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.healthcode.HealthCodeInputs;
import healthcode.jobs.healthcode.HealthCodeOutputs;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import healthcode.jobs.healthcode.SourceSpec;
import healthcode.jobs.io.JsonLinesSink;
import healthcode.jobs.io.LocalFiles;
import healthcode.jobs.live.LiveJobs;
import healthcode.jobs.serde.TrackCodecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The bounded jobs the suite times, on the embedded cluster with the backfill's settings (parallelism,
 * state backend): each workflow over the files of a folder, and its baseline that only reads and parses.
 */
final class ThroughputJobs {
    private ThroughputJobs() {}

    static StreamExecutionEnvironment environment(HealthCodeConfig config) {
        return StreamExecutionEnvironment.createLocalEnvironment(BackfillJob.flinkConfig(config));
    }

    static LocatedPings locatedPings(HealthCodeConfig config, TowerTable towers) {
        return new LocatedPings(new PingLocator(towers, config.companions().h3Resolution()));
    }

    /**
     * Watermarks as a live job has them: the latest event time read minus the configured out-of-orderness
     * bound (the generator writes its files in event-time order), so state is swept as the run goes.
     */
    static WatermarkStrategy<String> asLive(HealthCodeConfig config, InputDecoder<?> decoder) {
        return WatermarkStrategy.<String>forBoundedOutOfOrderness(config.live().maxOutOfOrderness())
                .withTimestampAssigner((raw, previous) -> decoder.eventTimeOr(raw, Long.MIN_VALUE));
    }

    /** Reads the pings, decodes each and places it on the grid (H3), and discards it. */
    static void parseAndPlace(Path folder, HealthCodeConfig config, TowerTable towers) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        env.fromSource(LocalFiles.lines(folder.resolve("pings.jsonl")),
                        asLive(config, new InputDecoders.Pings()), "source-pings")
                .process(new DecodeFunction<>(locatedPings(config, towers), p -> p), TrackCodecs.LOCATED_PING)
                .sinkTo(new DiscardingSink<>());
        env.execute("benchmark-parse-and-place");
    }

    /**
     * The companion workflow over the folder's pings, cases, venues and risk areas; detections into {@code out}.
     *
     * @param live watermarks as a live job has them; else as a backfill (none until the input ends, so every
     *     key's events are applied in one go at the end)
     */
    static void companions(Path folder, HealthCodeConfig config, TowerTable towers, boolean live, Path out)
            throws Exception {
        StreamExecutionEnvironment env = environment(config);
        HealthCodeInputs inputs = new HealthCodeInputs();
        for (InputDecoder<?> decoder : LiveJobs.COMPANION_INPUTS) {
            inputs.with(decoder.kind(), new SourceSpec(LocalFiles.lines(folder.resolve(decoder.kind().fileName())),
                    live ? asLive(config, decoder) : WatermarkStrategy.noWatermarks()));
        }
        Files.createDirectories(out);
        OutputEncoder encoder = new OutputEncoder(config.outputZone());
        DataStream<PhoneEvent> detections = CompanionWorkflow.defineWorkflow(env, inputs, config.companions(),
                towers).detections();
        detections.filter(e -> e.companion != null).map(e -> e.companion)
                .sinkTo(new JsonLinesSink<>(out, "companions", encoder::companion));
        detections.filter(e -> e.areaExposure != null).map(e -> e.areaExposure)
                .sinkTo(new JsonLinesSink<>(out, "area-exposures", encoder::areaExposure));
        env.execute("benchmark-companions");
    }

    /** Reads and decodes every record of the health-code job's inputs in the folder, and discards them. */
    static void parseHealthCodeInputs(Path folder, HealthCodeConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        for (InputDecoder<?> decoder : healthCodeDecoders()) {
            parse(env, folder, decoder);
        }
        env.execute("benchmark-parse-health-code-inputs");
    }

    private static <T> void parse(StreamExecutionEnvironment env, Path folder, InputDecoder<T> decoder) {
        Path file = folder.resolve(decoder.kind().fileName());
        if (Files.isRegularFile(file)) {
            env.fromSource(LocalFiles.lines(file), WatermarkStrategy.noWatermarks(), "source-" + decoder.kind().topic())
                    .process(new DecodeFunction<T, Object>(decoder, t -> t), TypeInformation.of(Object.class))
                    .sinkTo(new DiscardingSink<>());
        }
    }

    /**
     * The health-code workflow over the folder's person and phone records and precomputed detections, up to
     * the horizon (as a backfill's).
     */
    static void healthCodes(Path folder, HealthCodeConfig config, long horizon, Path out) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        HealthCodeInputs inputs = new HealthCodeInputs();
        for (InputDecoder<?> decoder : HealthCodeWorkflow.decoders()) {
            Path file = folder.resolve(decoder.kind().fileName());
            if (Files.isRegularFile(file)) {
                inputs.with(decoder.kind(), new SourceSpec(LocalFiles.lines(file), WatermarkStrategy.noWatermarks()));
            }
        }
        DataStream<PhoneEvent> detections = env.fromSource(LocalFiles.lines(folder.resolve("companions.jsonl")),
                        WatermarkStrategy.noWatermarks(), "source-companions")
                .process(new DecodeFunction<>(new InputDecoders.Companions(), PhoneEvent::of),
                        TypeInformation.of(PhoneEvent.class))
                .union(env.fromSource(LocalFiles.lines(folder.resolve("area-exposures.jsonl")),
                                WatermarkStrategy.noWatermarks(), "source-area-exposures")
                        .process(new DecodeFunction<>(new InputDecoders.AreaExposures(),
                                PhoneEvent::of), TypeInformation.of(PhoneEvent.class)));
        Files.createDirectories(out);
        HealthCodeOutputs outputs = BackfillJob.fileOutputs(out, config);
        HealthCodeEngine engine = new HealthCodeEngine(new EditionBook(EditionLoader.loadFolder(config.editionsFolder()),
                null), config.engine());
        HealthCodeWorkflow.defineWorkflow(env, inputs, outputs, engine, horizon, detections, List.of());
        env.execute("benchmark-health-codes");
    }

    /** The decoders of the health-code job's inputs, detections included. */
    static List<InputDecoder<?>> healthCodeDecoders() {
        List<InputDecoder<?>> decoders = new ArrayList<>(HealthCodeWorkflow.decoders());
        decoders.add(new InputDecoders.Companions());
        decoders.add(new InputDecoders.AreaExposures());
        return decoders;
    }

    /** Lines of the files in the folder whose names start with the prefix. */
    static long lines(Path folder, String prefix) throws IOException {
        long lines = 0;
        for (String line : allLines(folder, prefix)) {
            lines += line.isBlank() ? 0 : 1;
        }
        return lines;
    }

    static List<String> allLines(Path folder, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
