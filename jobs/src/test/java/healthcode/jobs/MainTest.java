package healthcode.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusable arguments, folders or configuration: exit status 2 and exactly one line on stderr. */
class MainTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setProperty("healthcode.home", "..");
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String oneLineFailure(String... args) {
        assertEquals(2, Main.run(args));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "stderr: " + lines);
        return lines.get(0);
    }

    @Test
    void noCommand() {
        assertTrue(oneLineFailure().startsWith("usage: healthcode"));
    }

    @Test
    void missingInput() {
        assertEquals("healthcode: missing --input DIR", oneLineFailure("backfill", "--output", temp.toString()));
    }

    @Test
    void inputFolderThatDoesNotExist() {
        String line = oneLineFailure("backfill", "--input", temp.resolve("nope").toString(), "--output", temp.toString());
        assertTrue(line.endsWith("nope does not exist or is not a folder"), line);
    }

    @Test
    void untilThatIsNotATime() {
        String line = oneLineFailure("backfill", "--input", temp.toString(), "--output", temp.toString(), "--until", "soon");
        assertEquals("healthcode: --until: 'soon' is not an ISO-8601 time with an offset", line);
    }

    @Test
    void liveNeedsAJob() {
        assertEquals("healthcode: live: name one job: companions or health-codes", oneLineFailure("live"));
    }

    @Test
    void liveNeedsAKnownJob() {
        assertEquals("healthcode: unknown live job 'pings'; jobs: companions, health-codes", oneLineFailure("live", "pings"));
    }

    @Test
    void kafkaNeedsAKnownAction() {
        assertEquals("healthcode: usage: kafka start|stop [--dir DIR] [--port N]", oneLineFailure("kafka", "restart"));
    }

    @Test
    void clusterNeedsAKnownAction() {
        assertEquals("healthcode: usage: cluster start|taskmanager|stop [--dir DIR] [--port N] [--taskmanagers N]",
                oneLineFailure("cluster", "restart"));
    }

    @Test
    void resumeNeedsASavepoint() {
        assertEquals("healthcode: usage: resume --cluster URL [--config FILE] --savepoint PATH [--jar FILE]"
                + " companions|health-codes", oneLineFailure("resume", "--cluster", "localhost:8081", "companions"));
    }

    @Test
    void submittingToAnAddressWhereNoClusterAnswersStopsWithOneMessage() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String line = oneLineFailure("submit", "--cluster", "localhost:" + port, "--config", "../config/healthcode.yaml",
                "--jar", "target/job.jar", "companions");
        assertTrue(line.startsWith("healthcode: no Flink cluster answers at http://localhost:" + port), line);
    }

    @Test
    void kafkaNeedsAPortNumber() {
        assertEquals("healthcode: --port: not a port number: 99999", oneLineFailure("kafka", "start", "--port", "99999"));
    }

    @Test
    void unknownEdition() {
        String line = oneLineFailure("backfill", "--input", temp.toString(), "--output", temp.resolve("o").toString(),
                "--edition", "gx-1999");
        assertTrue(line.startsWith("healthcode: unknown edition 'gx-1999'; known: [gx-2020-03"), line);
    }

    @Test
    void badConfigurationStopsStartUpWithOneMessage() throws Exception {
        Path config = temp.resolve("bad.yaml");
        Files.writeString(config, "backfill:\n  paralelism: 2\n");
        String line = oneLineFailure("backfill", "--input", temp.toString(), "--output", temp.resolve("o").toString(),
                "--config", config.toString());
        assertEquals("healthcode: " + config + ": backfill: unknown key 'paralelism'; allowed: [parallelism, stateBackend, managedMemoryMb, heapEventsPerSubtask]", line);
    }

    @Test
    void badEditionFileStopsStartUpNamingTheFileAndTheProblem() throws Exception {
        Path editions = Files.createDirectories(temp.resolve("editions"));
        Files.writeString(editions.resolve("x.yaml"), "id: x\neffectiveFrom: \"2022-01-01T00:00+08:00\"\ncategories:\n"
                + "  CLOSE_CONTACT:\n    phases:\n      - {colour: PURPLE, days: 14}\n");
        Path config = temp.resolve("ok.yaml");
        Files.writeString(config, "editions: editions\n");
        String line = oneLineFailure("backfill", "--input", temp.toString(), "--output", temp.resolve("o").toString(),
                "--config", config.toString());
        assertEquals("healthcode: " + editions.resolve("x.yaml").toAbsolutePath()
                + ": categories.CLOSE_CONTACT.phases[0].colour: unknown value 'PURPLE'; expected one of [GREEN, YELLOW, RED]", line);
    }

    @Test
    void companionSettingsAreCheckedAtStartUp() throws Exception {
        Path config = temp.resolve("grid.yaml");
        Files.writeString(config, "editions: " + Path.of("..", "config", "editions").toAbsolutePath() + "\n"
                + "companions:\n  h3Resolution: 16\n");
        String line = oneLineFailure("backfill", "--input", temp.toString(), "--output", temp.resolve("o").toString(),
                "--config", config.toString());
        assertEquals("healthcode: " + config + ": companions.h3Resolution: must lie in [0, 15]", line);
    }

    @Test
    void aConfiguredTowerTableThatDoesNotExistStopsStartUp() throws Exception {
        Path config = temp.resolve("towers.yaml");
        Files.writeString(config, "editions: " + Path.of("..", "config", "editions").toAbsolutePath() + "\n"
                + "companions:\n  towerTable: nowhere.csv\n");
        String line = oneLineFailure("backfill", "--input", temp.toString(), "--output", temp.resolve("o").toString(),
                "--config", config.toString());
        assertEquals("healthcode: " + config + ": companions.towerTable: " + temp.resolve("nowhere.csv").toAbsolutePath()
                + " does not exist", line);
    }

    @Test
    void aBenchmarkWithAnUnusableSizeStopsWithOneMessage() {
        assertEquals("healthcode: --phones: not a positive whole number: many", oneLineFailure("bench", "--phones", "many"));
    }

    @Test
    void aLiveBenchmarkTakesOnlyTheLiveSettings() {
        String line = oneLineFailure("bench", "live", "--day-phones", "1000");
        assertTrue(line.startsWith("healthcode: usage: bench [smoke]") && line.contains("bench live [--city-phones N]"), line);
    }

    @Test
    void aCoverBenchmarkWithoutItsFileStopsWithOneMessage() {
        Path missing = temp.resolve("none.geojson");
        assertEquals("healthcode: no GeoJSON file " + missing, oneLineFailure("bench", "cover", "--geojson",
                missing.toString()));
    }

    @Test
    void aBackfillSaysWhenDetectionsLieAfterTheDefaultHorizon() throws Exception {
        // a case reported first; a visitor stays with its phone until both fall silent, 30 minutes after the last ping
        Path input = Files.createDirectories(temp.resolve("late-in"));
        Files.writeString(input.resolve("cases.jsonl"), "{\"caseId\":\"c-1\",\"personId\":\"p-1\",\"msisdns\":[\"138\"],"
                + "\"kind\":\"CONFIRMED\",\"onsetAt\":\"2022-04-02T08:00:00+08:00\",\"isolatedAt\":\"2022-04-04T20:00:00+08:00\","
                + "\"reportedAt\":\"2022-04-03T09:00:00+08:00\"}\n");
        StringBuilder pings = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            for (String phone : h < 11 ? List.of("138") : List.of("138", "139")) {
                pings.append("{\"msisdn\":\"").append(phone).append("\",\"ts\":\"2022-04-03T")
                        .append(String.format("%02d", h)).append(":00:00+08:00\",\"lat\":22.817,\"lon\":108.366}\n");
            }
        }
        for (int d = 1; d <= 2; d++) {
            for (int h = 0; h < 24; h++) {
                pings.append("{\"msisdn\":\"138\",\"ts\":\"2022-04-0").append(d).append("T").append(String.format("%02d", h))
                        .append(":30:00+08:00\",\"lat\":22.817,\"lon\":108.366}\n");
            }
        }
        Files.writeString(input.resolve("pings.jsonl"), pings.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(new String[] {"backfill", "--input", input.toString(), "--output",
                    temp.resolve("late-out").toString()}));
        } finally {
            System.setOut(originalOut);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("backfill: 1 detection lies after the horizon 2022-04-03T23:00:00+08:00; --until a later time "
                + "applies it", lines.get(1), lines.toString());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
