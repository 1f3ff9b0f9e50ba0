package healthcode.jobs.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic province: the same seed gives the same files, every record is valid, and the pipeline finds work in it. */
class WorkloadGeneratorTest {
    static final Path COUNTIES = Path.of("..", "..", "shared", "data", "guangxi-counties.geojson");
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** One county: two towns of 150 phones each, with an outbreak large enough to see in four days. */
    static WorkloadGenerator.Settings smallProvince(long seed) {
        return WorkloadGenerator.Settings.of(300, 4, seed).withOutbreak(300, 200);
    }

    @Test
    void theSameSeedGivesTheSameFiles_anotherSeedOthers() throws Exception {
        WorkloadGenerator.write(temp.resolve("a"), smallProvince(1), COUNTIES);
        WorkloadGenerator.write(temp.resolve("b"), smallProvince(1), COUNTIES);
        WorkloadGenerator.write(temp.resolve("c"), smallProvince(2), COUNTIES);
        try (Stream<Path> files = Files.list(temp.resolve("a"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                assertEquals(Files.readString(file), Files.readString(temp.resolve("b").resolve(name)), name);
            }
        }
        assertNotEquals(Files.readString(temp.resolve("a").resolve("pings.jsonl")),
                Files.readString(temp.resolve("c").resolve("pings.jsonl")));
    }

    @Test
    void everyRecordIsValid_andThePipelineFindsCompanionsAreaExposuresAndColours() throws Exception {
        WorkloadGenerator.Size size = WorkloadGenerator.write(temp.resolve("in"), smallProvince(7), COUNTIES);
        assertTrue(size.pings() > 300 * 4 * 24, "periodic and burst pings: " + size);
        assertTrue(size.cases() > 0 && size.arrivals() > 0 && size.towers() > 0, size.toString());
        assertTrue(size.persons() > size.phones(), "some phones are shared: " + size);

        BackfillJob.run(new BackfillArguments(temp.resolve("in"), temp.resolve("out"), null, null, CONFIG),
                HealthCodeConfig.load(CONFIG));
        assertEquals(List.of(), Files.readAllLines(temp.resolve("out").resolve("rejected.jsonl")));
        assertTrue(!Files.readAllLines(temp.resolve("out").resolve("companions.jsonl")).isEmpty());
        assertTrue(!Files.readAllLines(temp.resolve("out").resolve("area-exposures.jsonl")).isEmpty());
        Set<String> categories = new TreeSet<>();
        for (String file : List.of("changes.jsonl", "current.jsonl")) {
            for (String line : Files.readAllLines(temp.resolve("out").resolve(file))) {
                JSON.readTree(line).get("activeEpisodes").forEach(e -> categories.add(e.get("category").asText()));
            }
        }
        // the episodes persons went through (a case's household is often red for its sealed home first)
        assertTrue(categories.containsAll(Set.of("CONFIRMED", "CLOSE_CONTACT", "SPECIAL_AREA", "COMPANION",
                "POSITIVE_SCREENING")), categories.toString());
    }
}
