package healthcode.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live demo streams the scenario through Kafka and both live jobs, and shows what the backfill finds. */
class LiveDemoTest {
    private static final Path HOME = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theDemoShowsEveryChangeTheBackfillFindsAndASummaryByDistrict() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LiveDemo.run(HOME, temp.resolve("demo"), Duration.ZERO, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);

        Path config = HOME.resolve("config").resolve("healthcode.yaml");
        BackfillJob.run(new BackfillArguments(HOME.resolve("demo").resolve("scenario"), temp.resolve("backfill"), null,
                null, config), HealthCodeConfig.load(config));
        for (String line : Files.readAllLines(temp.resolve("backfill").resolve("changes.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            String shown = String.format("%s  %-22s %-6s -> %-6s %s", c.get("at").asText().replace('T', ' '),
                    c.get("personId").asText(), c.get("from").asText(), c.get("to").asText(),
                    c.get("cause").get("category").asText());
            assertTrue(text.contains(shown), shown + "\n" + text);
        }
        assertTrue(text.contains("青秀区 450103"), text);
        assertTrue(text.contains("read_committed mode"), text);
        assertTrue(text.contains("Stopped the embedded Flink cluster and the Kafka broker."), text);
        assertTrue(text.lines().noneMatch(l -> l.endsWith(" late")), text);
    }
}
