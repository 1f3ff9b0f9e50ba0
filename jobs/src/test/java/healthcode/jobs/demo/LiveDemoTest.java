package healthcode.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.workload.WorkloadGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live demo streams a scenario (the bundled one, or a generated city) through Kafka and both live jobs, and shows what the backfill finds. */
class LiveDemoTest {
    private static final Path HOME = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theDemoShowsEveryChangeTheBackfillFindsAndASummaryByDistrict() throws Exception {
        String text = playAndCompareWithTheBackfill(HOME.resolve("demo").resolve("scenario"));
        assertTrue(text.contains("青秀区 450103"), text);
    }

    @Test
    void aGeneratedNanningCityPlaysTheSame() throws Exception {
        Path city = temp.resolve("city");
        WorkloadGenerator.Settings settings = WorkloadGenerator.Settings.of(60, 3, 7);
        WorkloadGenerator.Size size = WorkloadGenerator.write(city, settings.withOutbreak(400, 50),
                HOME.resolve("demo").resolve("nanning-districts.geojson"));
        assertTrue(size.cases() > 0, "cases: " + size.cases());
        String text = playAndCompareWithTheBackfill(city);
        assertTrue(text.lines().anyMatch(l -> l.matches(".*区 4501\\d\\d.*")), text);
    }

    /** Plays the scenario in the live demo; every change a backfill of it finds is printed, none late. */
    private String playAndCompareWithTheBackfill(Path scenario) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LiveDemo.run(HOME, temp.resolve("demo"), scenario, Duration.ZERO,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);

        Path config = HOME.resolve("config").resolve("healthcode.yaml");
        BackfillJob.run(new BackfillArguments(scenario, temp.resolve("backfill"), null, null, config),
                HealthCodeConfig.load(config));
        List<String> changes = Files.readAllLines(temp.resolve("backfill").resolve("changes.jsonl"));
        assertFalse(changes.isEmpty());
        for (String line : changes) {
            JsonNode c = JSON.readTree(line);
            String shown = String.format("%s  %-22s %-6s -> %-6s %s", c.get("at").asText().replace('T', ' '),
                    c.get("personId").asText(), c.get("from").asText(), c.get("to").asText(),
                    c.get("cause").get("category").asText());
            assertTrue(text.contains(shown), shown + "\n" + text);
        }
        assertTrue(text.contains("read_committed mode"), text);
        assertTrue(text.contains("Stopped the embedded Flink cluster and the Kafka broker."), text);
        assertTrue(text.lines().noneMatch(l -> l.endsWith(" late")), text);
        return text;
    }
}
