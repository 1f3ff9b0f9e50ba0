package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.geo.GridCells;
import healthcode.common.time.Times;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The companion job on the cluster against companions.md worked out by brute force: every pair of
 * stays in every cell compared, every dwell summed from scratch. A random town where phones move
 * between a few places, with gaps, gives exactly the same co-presences.
 */
class CompanionOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final LocalDateTime START = LocalDateTime.of(2022, 4, 1, 0, 0);
    private static final CompanionSettings SPEC = CompanionSettings.defaults();
    private static final GridCells GRID = new GridCells(SPEC.h3Resolution());
    /** Six places, each in its own cell. */
    private static final double[][] PLACES = {{22.80, 108.30}, {22.82, 108.33}, {22.84, 108.36}, {22.86, 108.39},
        {22.88, 108.42}, {22.90, 108.45}};

    @TempDir
    Path temp;

    private record Ping(String msisdn, long ts, int place) {}

    private record Stay(String msisdn, long cell, long from, long to) {}

    private record Case(String id, List<String> phones, long from, long to, long reported) {}

    @Test
    void theClusterFindsExactlyTheCoPresencesOfTheDefinition() throws Exception {
        Random random = new Random(33);
        ScenarioFiles files = new ScenarioFiles();
        List<Ping> pings = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            String phone = "139" + String.format("%08d", p);
            int home = random.nextInt(PLACES.length);
            LocalDateTime t = START.plusMinutes(random.nextInt(60));
            while (t.isBefore(START.plusDays(12))) {
                int place = t.getHour() < 8 || t.getHour() >= 20 || random.nextInt(3) == 0 ? home
                        : random.nextInt(PLACES.length);
                pings.add(new Ping(phone, Times.parseIso(ScenarioFiles.t(t.format(LOCAL))), place));
                files.ping(phone, t.format(LOCAL), PLACES[place][0], PLACES[place][1]);
                t = t.plusMinutes(5 + random.nextInt(random.nextInt(10) == 0 ? 120 : 35));
            }
        }
        List<Case> cases = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String phone = "139" + String.format("%08d", random.nextInt(40));
            LocalDateTime onset = START.plusDays(4 + random.nextInt(6)).plusHours(random.nextInt(24));
            LocalDateTime isolated = onset.plusHours(12 + random.nextInt(60));
            LocalDateTime reported = onset.plusHours(random.nextInt(96));
            files.line("cases.jsonl", "{\"caseId\":\"c-" + c + "\",\"personId\":\"p-" + c + "\",\"msisdns\":[\"" + phone
                    + "\"],\"kind\":\"CONFIRMED\",\"onsetAt\":\"" + ScenarioFiles.t(onset.format(LOCAL))
                    + "\",\"isolatedAt\":\"" + ScenarioFiles.t(isolated.format(LOCAL)) + "\",\"reportedAt\":\""
                    + ScenarioFiles.t(reported.format(LOCAL)) + "\"}");
            long onsetAt = Times.parseIso(ScenarioFiles.t(onset.format(LOCAL)));
            cases.add(new Case("c-" + c, List.of(phone), onsetAt - SPEC.lookback().toMillis(),
                    Times.parseIso(ScenarioFiles.t(isolated.format(LOCAL))),
                    Times.parseIso(ScenarioFiles.t(reported.format(LOCAL)))));
        }
        Path output = temp.resolve("out");
        BackfillJob.run(new BackfillArguments(files.write(temp.resolve("in"), 9L), output, null, null, CONFIG),
                HealthCodeConfig.load(CONFIG));

        List<String> expected = bruteForce(pings, cases);
        List<String> actual = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("companions.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            actual.add(n.get("caseId").asText() + " " + n.get("msisdn").asText() + " " + n.get("cell").asText() + " "
                    + Times.parseIso(n.get("from").asText()) + ".." + Times.parseIso(n.get("to").asText()) + " @"
                    + Times.parseIso(n.get("detectedAt").asText()));
        }
        actual.sort(null);
        assertTrue(expected.size() > 20, "the town has companions: " + expected.size());
        assertEquals(expected, actual);
    }

    /** companions.md, read literally, over all pairs. */
    private static List<String> bruteForce(List<Ping> pings, List<Case> cases) {
        Map<String, List<Ping>> byPhone = new TreeMap<>();
        pings.forEach(p -> byPhone.computeIfAbsent(p.msisdn(), k -> new ArrayList<>()).add(p));
        List<Stay> stays = new ArrayList<>();
        long gap = SPEC.maxGapMs();
        for (List<Ping> track : byPhone.values()) {
            track.sort(Comparator.comparingLong(Ping::ts));
            int first = 0;
            for (int i = 1; i <= track.size(); i++) {
                Ping last = track.get(i - 1);
                boolean ends = i == track.size() || track.get(i).place() != last.place()
                        || track.get(i).ts() - last.ts() > gap;
                if (ends) {
                    long to = i == track.size() ? last.ts() + gap : Math.min(track.get(i).ts(), last.ts() + gap);
                    if (to > track.get(first).ts()) {
                        stays.add(new Stay(last.msisdn(), cell(last.place()), track.get(first).ts(), to));
                    }
                    first = i;
                }
            }
        }
        TreeSet<String> found = new TreeSet<>();
        long retention = SPEC.retentionMs();
        for (Case c : cases) {
            for (Stay own : stays) {
                boolean ownInWindow = c.phones().contains(own.msisdn()) && own.from() < c.to() && own.to() > c.from()
                        && own.to() >= c.reported() - retention;
                if (!ownInWindow) {
                    continue;
                }
                long known = Math.max(c.reported(), own.to());
                for (Stay other : stays) {
                    if (other.cell() != own.cell() || c.phones().contains(other.msisdn())
                            || Math.abs(other.to() - known) > retention) {
                        continue;
                    }
                    long from = Math.max(c.from(), Math.max(own.from(), other.from()));
                    long to = Math.min(c.to(), Math.min(own.to(), other.to()));
                    if (to - from >= SPEC.minOverlap().toMillis()
                            && (dwell(stays, own, to) > SPEC.minCumulativeDwell().toMillis()
                            || dwell(stays, other, to) > SPEC.minCumulativeDwell().toMillis())) {
                        found.add(c.id() + " " + other.msisdn() + " " + GridCells.address(own.cell()) + " " + from + ".."
                                + to + " @" + Math.max(c.reported(), to));
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** The phone's time in the stay's cell over the lookback before {@code at}. */
    private static long dwell(List<Stay> stays, Stay stay, long at) {
        long since = at - SPEC.dwellLookback().toMillis();
        long sum = 0;
        for (Stay s : stays) {
            if (s.msisdn().equals(stay.msisdn()) && s.cell() == stay.cell()) {
                sum += Math.max(0, Math.min(s.to(), at) - Math.max(s.from(), since));
            }
        }
        return sum;
    }

    private static long cell(int place) {
        return GRID.cellOf(PLACES[place][0], PLACES[place][1]);
    }
}
