package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.time.Times;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random city across an edition change: whatever the records, every person's changes form
 * an unbroken chain (seq 1..n, each from the previous colour, the first from GREEN) that ends in the
 * current colour, and a shuffled run at another parallelism gives the same bytes.
 */
class RandomCityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final LocalDateTime START = LocalDateTime.of(2022, 3, 1, 0, 0);

    @TempDir
    Path temp;

    private static final double HOME_LON = 108.3660;

    /** Homes 0.05 degrees apart: different cells. */
    private static double homeLat(int caseIndex) {
        return 22.80 + 0.05 * caseIndex;
    }

    private static String time(Random random, int fromHour, int spanHours) {
        return START.plusHours(fromHour + random.nextInt(spanHours)).plusMinutes(random.nextInt(60)).format(LOCAL);
    }

    static ScenarioFiles randomCity(long seed, int persons) {
        Random random = new Random(seed);
        ScenarioFiles files = new ScenarioFiles();
        String[] risks = {"OVERSEAS", "HIGH_RISK_AREA", "RISK_COUNTY", "CASE_CITY", "EPIDEMIC_CITY"};
        int sample = 0;
        // four cases, each phone at its own home the whole time: visitors there in the window are companions
        int[] onsetHour = new int[4];
        for (int c = 0; c < 4; c++) {
            onsetHour[c] = 24 * (10 + random.nextInt(60));
            String onset = START.plusHours(onsetHour[c]).format(LOCAL);
            String reported = START.plusHours(onsetHour[c] + 48).format(LOCAL);
            files.confirmedCase("c-" + c, "p-case-" + c, "1380000000" + c, onset, reported);
            files.pings("1380000000" + c, START.plusHours(onsetHour[c] - 24 * 6).format(LOCAL), reported, 30,
                    homeLat(c), HOME_LON);
        }
        for (int i = 0; i < persons; i++) {
            String person = "p-" + i;
            int records = 1 + random.nextInt(8);
            for (int r = 0; r < records; r++) {
                int base = random.nextInt(24 * 80);
                String at = START.plusHours(base + 30).format(LOCAL);
                switch (random.nextInt(8)) {
                    case 0 -> files.closeContact(person, at, START.plusHours(base).format(LOCAL), "c-" + random.nextInt(4));
                    case 1 -> files.status(person, List.of("SUSPECTED", "DISCHARGED", "SUSPECT_EXCLUDED", "CONTACT_RELEASED",
                            "YELLOW_RELEASED", "CONFIRMED", "FALSE_POSITIVE").get(random.nextInt(7)), at);
                    case 2, 3 -> files.nat(person, "s-" + sample++, START.plusHours(base).format(LOCAL),
                            START.plusHours(base + 10).format(LOCAL), random.nextInt(10) == 0 ? "POSITIVE" : "NEGATIVE");
                    case 4 -> files.arrival(person, risks[random.nextInt(risks.length)], START.plusHours(base).format(LOCAL),
                            time(random, base, 24 * 25));
                    case 5 -> files.admin("a-" + i + "-" + r, person, random.nextBoolean() ? "ASSIGN" : "END",
                            random.nextBoolean() ? "MANUAL_RED" : "MANUAL_YELLOW", at);
                    default -> {
                        String phone = "139" + (i % 50);
                        files.binding(phone, person, "2021-01-01 00:00");
                        int c = random.nextInt(4);
                        int visit = onsetHour[c] - 24 * 5 + random.nextInt(24 * 6);
                        files.pings(phone, START.plusHours(visit).format(LOCAL),
                                START.plusHours(visit).plusMinutes(10 * random.nextInt(7)).format(LOCAL), 10, homeLat(c),
                                HOME_LON);
                        files.ping(phone, START.plusHours(visit + 1).format(LOCAL), 23.1, 108.9);
                    }
                }
            }
        }
        return files;
    }

    private Path backfill(Path input, String name, int parallelism) throws Exception {
        HealthCodeConfig config = HealthCodeConfig.load(CONFIG).withBackfill(parallelism, "rocksdb");
        Path output = temp.resolve(name);
        BackfillJob.run(new BackfillArguments(input, output, null, Times.parseIso("2022-07-01T00:00:00+08:00"), CONFIG),
                config);
        return output;
    }

    @Test
    void everyPersonsChangesFormAnUnbrokenChainEndingInTheCurrentColour() throws Exception {
        Path output = backfill(randomCity(2022, 300).write(temp.resolve("in"), null), "out", 2);
        Map<String, JsonNode> last = new HashMap<>();
        List<String> lines = Files.readAllLines(output.resolve("changes.jsonl"));
        assertTrue(lines.size() > 300, "a city this size changes colour often: " + lines.size());
        for (String line : lines) {
            JsonNode change = JSON.readTree(line);
            String person = change.get("personId").asText();
            JsonNode previous = last.get(person);
            long expectedSeq = previous == null ? 1 : previous.get("seq").asLong() + 1;
            String expectedFrom = previous == null ? "GREEN" : previous.get("to").asText();
            assertEquals(expectedSeq, change.get("seq").asLong(), line);
            assertEquals(expectedFrom, change.get("from").asText(), line);
            assertTrue(!change.get("from").asText().equals(change.get("to").asText()), line);
            last.put(person, change);
        }
        for (String line : Files.readAllLines(output.resolve("current.jsonl"))) {
            JsonNode current = JSON.readTree(line);
            JsonNode change = last.get(current.get("personId").asText());
            assertEquals(change == null ? "GREEN" : change.get("to").asText(), current.get("colour").asText(), line);
            assertEquals(change == null ? 0 : change.get("seq").asLong(), current.get("seq").asLong(), line);
        }
    }

    @Test
    void aShuffledRunAtAnotherParallelismGivesTheSameBytes() throws Exception {
        Path first = backfill(randomCity(7, 150).write(temp.resolve("in-1"), null), "out-1", 2);
        Path second = backfill(randomCity(7, 150).write(temp.resolve("in-2"), 99L), "out-2", 1);
        for (String file : List.of("changes.jsonl", "current.jsonl", "rejected.jsonl", "companions.jsonl")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
    }
}
