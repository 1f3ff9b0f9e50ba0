package healthcode.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.domain.Category;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled scenario reaches every category of rules.md, and the demo prints a timeline per person. */
class DemoTest {
    private static final Path HOME = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theScenarioCoversEveryCategory_andEachPersonGetsATimeline() throws Exception {
        Path config = HOME.resolve("config").resolve("healthcode.yaml");
        BackfillJob.run(new BackfillArguments(HOME.resolve("demo").resolve("scenario"), temp, null, null, config),
                HealthCodeConfig.load(config));
        Set<Category> seen = EnumSet.noneOf(Category.class);
        for (String line : Files.readAllLines(temp.resolve("changes.jsonl"))) {
            seen.add(Category.valueOf(JSON.readTree(line).get("cause").get("category").asText()));
        }
        assertEquals(EnumSet.allOf(Category.class), seen);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BackfillDemo.printTimelines(temp, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        for (String line : Files.readAllLines(temp.resolve("current.jsonl"))) {
            String person = JSON.readTree(line).get("personId").asText();
            assertTrue(text.contains("\n" + person + " (now "), person);
        }
        assertTrue(text.contains("Rejected input:"));

        printed.reset();
        BackfillDemo.printDetections(temp, new PrintStream(printed, true, StandardCharsets.UTF_8));
        text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("13900000003 [\"p-diner-xu\"], 95 min in cell 884153cb6dfffff, confined in nanning-ktv-7"),
                text);
        assertTrue(text.contains("jiangnan-sealed-2 (SEALED): 13900000006 [\"p-resident-luo\"]"), text);
    }
}
