package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.InputStreamKind;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.List;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same records give the same output whether time only jumps to the end (a backfill) or the
 * watermark advances with the records, as in a live run: stays, the cell index and the area
 * tracker buffer, expire and sweep by event time alone.
 */
class ProgressiveWatermarksTest {
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");

    @TempDir
    Path temp;

    private static final Duration BOUND = Duration.ofMinutes(10);

    /**
     * Each file's lines in event-time order, so a bounded out-of-orderness watermark never passes a
     * record; with a seed, the lines within each span of the bound are shuffled (still within it).
     */
    private static void sortByEventTime(Path folder, Long seed) throws Exception {
        for (InputDecoder<?> decoder : BackfillJob.DECODERS) {
            Path file = folder.resolve(decoder.kind().fileName());
            if (Files.isRegularFile(file) && !file.toString().endsWith(".geojson")) {
                // tower pings have a time whether or not their tower is known
                InputDecoder<?> timed = decoder.kind() == InputStreamKind.PINGS ? new InputDecoders.Pings() : decoder;
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                lines.sort(Comparator.comparingLong(line -> timed.eventTimeOr(line, Long.MIN_VALUE)));
                if (seed != null) {
                    Random random = new Random(seed);
                    Map<Long, List<String>> spans = new TreeMap<>();
                    for (String line : lines) {
                        long span = Math.floorDiv(timed.eventTimeOr(line, Long.MIN_VALUE), BOUND.toMillis());
                        spans.computeIfAbsent(span, k -> new ArrayList<>()).add(line);
                    }
                    lines.clear();
                    for (List<String> span : spans.values()) {
                        Collections.shuffle(span, random);
                        lines.addAll(span);
                    }
                }
                Files.write(file, lines);
            }
        }
    }


    private static WatermarkStrategy<String> live(InputDecoder<?> decoder) {
        SerializableTimestampAssigner<String> assigner = (raw, previous) -> decoder.eventTimeOr(raw, previous);
        return WatermarkStrategy.<String>forBoundedOutOfOrderness(BOUND).withTimestampAssigner(assigner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"companion scenario", "companion scenario, disordered within the bound", "demo scenario"})
    void aWatermarkThatAdvancesWithTheRecordsGivesTheBackfillsOutput(String scenario) throws Exception {
        Path input = temp.resolve("in");
        if (scenario.startsWith("demo")) {
            Files.createDirectories(input);
            try (Stream<Path> files = Files.list(Path.of("..", "demo", "scenario"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, input.resolve(file.getFileName()));
                }
            }
        } else {
            CompanionBackfillTest.writeScenario(input);
        }
        sortByEventTime(input, scenario.contains("disordered") ? 11L : null);
        HealthCodeConfig config = HealthCodeConfig.load(CONFIG);
        BackfillJob.run(new BackfillArguments(input, temp.resolve("backfill"), null, null, CONFIG), config);
        BackfillJob.run(new BackfillArguments(input, temp.resolve("live"), null, null, CONFIG), config,
                ProgressiveWatermarksTest::live);
        for (String file : List.of("companions.jsonl", "area-exposures.jsonl", "changes.jsonl", "current.jsonl",
                "rejected.jsonl")) {
            List<String> expected = Files.readAllLines(temp.resolve("backfill").resolve(file));
            assertEquals(expected, Files.readAllLines(temp.resolve("live").resolve(file)), file);
            assertTrue(file.equals("rejected.jsonl") || !expected.isEmpty(), file);
        }
    }
}
