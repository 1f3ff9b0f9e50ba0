package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.geo.GeoJsonGeometry;
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
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * The companion job on the cluster against companions.md worked out by brute force: every pair of
 * stays in every cell compared, every dwell summed from scratch, every confined venue tested. A
 * random town where phones move between a few places, with gaps, gives exactly the same co-presences.
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

    private record Ping(String msisdn, long ts, double lat, double lon) {
        long cell() {
            return GRID.cellOf(lat, lon);
        }
    }

    private record Stay(String msisdn, long cell, long from, long to, List<Ping> pings) {}

    private record Venue(String id, Geometry polygon, long at) {}

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
                // at the places with a venue, half the pings fall outside it (about 65 m off), in the same cell
                double lat = PLACES[place][0] + (place % 2 == 1 && random.nextBoolean() ? 0.0006 : 0);
                pings.add(new Ping(phone, Times.parseIso(ScenarioFiles.t(t.format(LOCAL))), lat, PLACES[place][1]));
                files.ping(phone, t.format(LOCAL), lat, PLACES[place][1]);
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
        List<Venue> venues = new ArrayList<>();
        StringBuilder venueLines = new StringBuilder();
        for (int place = 1; place < PLACES.length; place += 2) {
            LocalDateTime registered = START.plusDays(random.nextInt(14));
            double h = 0.0003;
            double lat = PLACES[place][0];
            double lon = PLACES[place][1];
            String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[" + (lon - h) + "," + (lat - h) + "],[" + (lon + h)
                    + "," + (lat - h) + "],[" + (lon + h) + "," + (lat + h) + "],[" + (lon - h) + "," + (lat + h) + "],["
                    + (lon - h) + "," + (lat - h) + "]]]}";
            venueLines.append("{\"type\":\"Feature\",\"properties\":{\"venueId\":\"venue-").append(place)
                    .append("\",\"name\":\"v\",\"confined\":true,\"at\":\"").append(ScenarioFiles.t(registered.format(LOCAL)))
                    .append("\"},\"geometry\":").append(polygon).append("}\n");
            venues.add(new Venue("venue-" + place, GeoJsonGeometry.read(JSON.readTree(polygon)),
                    Times.parseIso(ScenarioFiles.t(registered.format(LOCAL)))));
        }
        Path input = files.write(temp.resolve("in"), 9L);
        Files.writeString(input.resolve("venues.geojson"), venueLines.toString());
        Path output = temp.resolve("out");
        BackfillJob.run(new BackfillArguments(input, output, null, null, CONFIG), HealthCodeConfig.load(CONFIG));

        List<String> expected = bruteForce(pings, cases, venues);
        List<String> actual = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("companions.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            actual.add(n.get("caseId").asText() + " " + n.get("msisdn").asText() + " " + n.get("cell").asText() + " "
                    + Times.parseIso(n.get("from").asText()) + ".." + Times.parseIso(n.get("to").asText()) + " @"
                    + Times.parseIso(n.get("detectedAt").asText()) + (n.get("confined").asBoolean()
                    ? " in " + n.get("venueId").asText() : ""));
        }
        actual.sort(null);
        assertTrue(expected.size() > 20, "the town has companions: " + expected.size());
        assertTrue(expected.stream().filter(e -> e.contains(" in venue-")).count() > 20, "some confined");
        assertEquals(expected, actual);
    }

    /** companions.md, read literally, over all pairs. */
    private static List<String> bruteForce(List<Ping> pings, List<Case> cases, List<Venue> venues) {
        Map<String, List<Ping>> byPhone = new TreeMap<>();
        pings.forEach(p -> byPhone.computeIfAbsent(p.msisdn(), k -> new ArrayList<>()).add(p));
        List<Stay> stays = new ArrayList<>();
        long gap = SPEC.maxGapMs();
        for (List<Ping> track : byPhone.values()) {
            track.sort(Comparator.comparingLong(Ping::ts));
            int first = 0;
            for (int i = 1; i <= track.size(); i++) {
                Ping last = track.get(i - 1);
                boolean ends = i == track.size() || track.get(i).cell() != last.cell()
                        || track.get(i).ts() - last.ts() > gap;
                if (ends) {
                    long to = i == track.size() ? last.ts() + gap : Math.min(track.get(i).ts(), last.ts() + gap);
                    if (to > track.get(first).ts()) {
                        stays.add(new Stay(last.msisdn(), last.cell(), track.get(first).ts(), to,
                                track.subList(first, i)));
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
                        long detected = Math.max(c.reported(), to);
                        String venue = venues.stream().filter(v -> v.at() <= detected
                                        && inside(own, v, from, to) && inside(other, v, from, to))
                                .map(Venue::id).sorted().findFirst().map(id -> " in " + id).orElse("");
                        found.add(c.id() + " " + other.msisdn() + " " + GridCells.address(own.cell()) + " " + from + ".."
                                + to + " @" + detected + venue);
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** Whether one of the stay's pings within [from, to] lies in the venue. */
    private static boolean inside(Stay stay, Venue venue, long from, long to) {
        return stay.pings().stream().anyMatch(p -> p.ts() >= from && p.ts() <= to
                && venue.polygon().covers(GeoJsonGeometry.WGS84.createPoint(new Coordinate(p.lon(), p.lat()))));
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
}
