package healthcode.jobs.backfill;

import static healthcode.jobs.backfill.ScenarioFiles.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.time.Times;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backfill on an embedded Flink cluster with RocksDB, end to end over files. */
class BackfillWorkflowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");

    static final double HOME_LAT = 22.8170;
    static final double HOME_LON = 108.3660;
    static final double ELSEWHERE_LAT = 22.9000;
    static final double ELSEWHERE_LON = 108.5000;

    @TempDir
    Path temp;

    /** A few people covering the main paths, in March 2022 (edition general-2022). */
    static ScenarioFiles smallCity() {
        return new ScenarioFiles()
                .confirmedCase("c-1", "p-case", "13800000001", "2022-03-01 08:00", "2022-03-02 10:00")
                .status("p-case", "DISCHARGED", "2022-03-12 15:00")
                .closeContact("p-contact", "2022-03-03 09:00", "2022-03-01 20:00", "c-1")
                .nat("p-contact", "s-1", "2022-03-15 09:00", "2022-03-15 18:00", "NEGATIVE")
                .nat("p-contact", "s-2", "2022-03-22 09:00", "2022-03-22 18:00", "NEGATIVE")
                .arrival("p-traveller", "OVERSEAS", "2022-03-02 15:00", "2022-03-02 18:00")
                .binding("13900000002", "p-mother", "2021-06-01 00:00")
                .binding("13900000002", "p-child", "2021-06-01 00:00")
                // the case's phone at home for days (over 30 h in the cell); the family phone visits for an hour
                .pings("13800000001", "2022-02-26 00:00", "2022-03-01 00:00", 30, HOME_LAT, HOME_LON)
                .pings("13900000002", "2022-02-28 10:00", "2022-02-28 10:50", 10, HOME_LAT, HOME_LON)
                .ping("13900000002", "2022-02-28 11:00", ELSEWHERE_LAT, ELSEWHERE_LON)
                .nat("p-mother", "s-3", "2022-03-08 09:00", "2022-03-08 18:00", "NEGATIVE")
                .admin("a-1", "p-admin", "ASSIGN", "MANUAL_YELLOW", "2022-03-05 10:00")
                .admin("a-2", "p-admin", "END", "MANUAL_YELLOW", "2022-03-08 10:00")
                .nat("p-screened", "s-4", "2022-03-10 08:00", "2022-03-10 12:00", "POSITIVE")
                .nat("p-screened", "s-5", "2022-03-11 08:00", "2022-03-11 18:00", "NEGATIVE")
                .nat("p-screened", "s-6", "2022-03-12 09:00", "2022-03-12 18:00", "NEGATIVE")
                .line("case-status.jsonl", "{\"personId\":\"p-bad\",\"status\":\"MAYBE\",\"at\":\"" + t("2022-03-04 10:00") + "\"}")
                .line("nat-results.jsonl", "this is not json");
    }

    private BackfillJob.Result backfill(Path input, Path output, int parallelism, String until) throws Exception {
        HealthCodeConfig config = HealthCodeConfig.load(CONFIG).withBackfill(parallelism, "rocksdb");
        return BackfillJob.run(new BackfillArguments(input, output, null, until == null ? null : Times.parseIso(until),
                CONFIG), config);
    }

    private static List<String> changes(Path output) throws Exception {
        List<String> result = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("changes.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            result.add(n.get("personId").asText() + " " + n.get("seq").asInt() + " " + n.get("from").asText() + ">"
                    + n.get("to").asText() + " " + n.get("at").asText());
        }
        return result;
    }

    @Test
    void smallCity_givesTheColourChangesOfTheRules() throws Exception {
        Path output = temp.resolve("out");
        BackfillJob.Result result = backfill(smallCity().write(temp.resolve("in"), null), output, 2, t("2022-03-25 00:00"));
        assertEquals(List.of(
                "p-case 1 GREEN>RED " + t("2022-03-02 10:00"),
                "p-child 1 GREEN>YELLOW " + t("2022-03-02 10:00"),
                "p-mother 1 GREEN>YELLOW " + t("2022-03-02 10:00"),
                "p-traveller 1 GREEN>RED " + t("2022-03-02 18:00"),
                "p-contact 1 GREEN>RED " + t("2022-03-03 09:00"),
                "p-admin 1 GREEN>YELLOW " + t("2022-03-05 10:00"),
                "p-admin 2 YELLOW>GREEN " + t("2022-03-08 10:00"),
                "p-mother 2 YELLOW>GREEN " + t("2022-03-10 00:00"),
                "p-screened 1 GREEN>RED " + t("2022-03-10 12:00"),
                "p-screened 2 RED>GREEN " + t("2022-03-12 18:00"),
                "p-contact 2 RED>YELLOW " + t("2022-03-16 00:00"),
                "p-contact 3 YELLOW>GREEN " + t("2022-03-23 00:00")), changes(output));
        assertEquals(7, result.count("current"));
        assertEquals(2, result.count("rejected"));
    }

    @Test
    void shuffledInputAndOtherParallelism_giveByteIdenticalOutput() throws Exception {
        Path first = temp.resolve("out-1");
        Path second = temp.resolve("out-2");
        backfill(smallCity().write(temp.resolve("in-1"), null), first, 2, null);
        backfill(smallCity().write(temp.resolve("in-2"), 42L), second, 1, null);
        for (String file : List.of("changes.jsonl", "current.jsonl", "rejected.jsonl", "companions.jsonl")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
    }

    @Test
    void defaultHorizon_isTheLatestEventTime_andTimersAfterItDoNotFire() throws Exception {
        Path output = temp.resolve("out");
        new ScenarioFiles().closeContact("p-contact", "2022-03-03 09:00", "2022-03-01 20:00", "c-1")
                .write(temp.resolve("in"), null);
        backfill(temp.resolve("in"), output, 2, null);
        assertEquals(List.of("p-contact 1 GREEN>RED " + t("2022-03-03 09:00")), changes(output));
        JsonNode current = JSON.readTree(Files.readAllLines(output.resolve("current.jsonl")).get(0));
        assertEquals("RED", current.get("colour").asText());
        assertEquals(t("2022-03-16 00:00"), current.get("nextReviewAt").asText());
    }
}
