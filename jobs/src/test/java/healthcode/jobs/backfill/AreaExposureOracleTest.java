package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.geo.GeoJsonGeometry;
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
 * Area exposures on the cluster against companions.md worked out by brute force: every phone's
 * pings run through every area in time order. Areas are designated before, during and after the
 * stays in them, some with holes, one in two parts, some lifted again.
 */
class AreaExposureOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final LocalDateTime START = LocalDateTime.of(2022, 4, 1, 0, 0);
    private static final CompanionSettings SPEC = CompanionSettings.defaults();
    /** Places 300 m apart along a street: areas cover runs of them. */
    private static final int PLACES = 12;

    @TempDir
    Path temp;

    private record Ping(String msisdn, long ts, double lat, double lon) {}

    private record Area(String id, Geometry polygon, long from, Long to, long at) {}

    private static double[] place(int i) {
        return new double[] {22.80 + 0.0027 * i, 108.30};
    }

    private static String square(double[] centre, double half) {
        double lat = centre[0];
        double lon = centre[1];
        return "[[" + (lon - half) + "," + (lat - half) + "],[" + (lon + half) + "," + (lat - half) + "],["
                + (lon + half) + "," + (lat + half) + "],[" + (lon - half) + "," + (lat + half) + "],["
                + (lon - half) + "," + (lat - half) + "]]";
    }

    @Test
    void theClusterFindsExactlyTheAreaExposuresOfTheDefinition() throws Exception {
        Random random = new Random(21);
        ScenarioFiles files = new ScenarioFiles();
        List<Ping> pings = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            String phone = "139" + String.format("%08d", p);
            LocalDateTime t = START.plusMinutes(random.nextInt(60));
            int at = random.nextInt(PLACES);
            while (t.isBefore(START.plusDays(10))) {
                if (random.nextInt(4) == 0) {
                    at = random.nextInt(PLACES);
                }
                double[] position = place(at);
                double lat = position[0] + (random.nextDouble() - 0.5) * 0.0004;
                pings.add(new Ping(phone, Times.parseIso(ScenarioFiles.t(t.format(LOCAL))), lat, position[1]));
                files.ping(phone, t.format(LOCAL), lat, position[1]);
                t = t.plusMinutes(5 + random.nextInt(random.nextInt(8) == 0 ? 90 : 30));
            }
        }
        List<Area> areas = new ArrayList<>();
        StringBuilder features = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int a = 0; a < 6; a++) {
            int first = random.nextInt(PLACES - 3);
            double[] centre = {(place(first)[0] + place(first + 2)[0]) / 2, 108.30};
            String geometry = switch (a % 3) {
                case 0 -> "{\"type\":\"Polygon\",\"coordinates\":[" + square(centre, 0.0035) + "]}";
                case 1 -> "{\"type\":\"Polygon\",\"coordinates\":[" + square(centre, 0.0035) + ","
                        + square(place(first + 1), 0.0006) + "]}";
                default -> "{\"type\":\"MultiPolygon\",\"coordinates\":[[" + square(place(first), 0.0008) + "],["
                        + square(place(first + 2), 0.0008) + "]]}";
            };
            LocalDateTime designated = START.plusDays(1 + random.nextInt(9)).plusHours(random.nextInt(24));
            LocalDateTime from = designated.minusHours(random.nextInt(24 * 4)).plusHours(random.nextInt(24));
            LocalDateTime to = random.nextBoolean() ? null : from.plusHours(6 + random.nextInt(72));
            String properties = "{\"areaId\":\"area-" + a + "\",\"level\":\"HIGH\",\"from\":\""
                    + ScenarioFiles.t(from.format(LOCAL)) + "\"," + (to == null ? "" : "\"to\":\""
                    + ScenarioFiles.t(to.format(LOCAL)) + "\",") + "\"at\":\"" + ScenarioFiles.t(designated.format(LOCAL)) + "\"}";
            features.append(a == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":").append(properties)
                    .append(",\"geometry\":").append(geometry).append("}");
            areas.add(new Area("area-" + a, GeoJsonGeometry.read(JSON.readTree(geometry)),
                    Times.parseIso(ScenarioFiles.t(from.format(LOCAL))),
                    to == null ? null : Times.parseIso(ScenarioFiles.t(to.format(LOCAL))),
                    Times.parseIso(ScenarioFiles.t(designated.format(LOCAL)))));
        }
        Path input = files.write(temp.resolve("in"), 4L);
        Files.writeString(input.resolve("risk-areas.geojson"), features.append("]}").toString());
        Path output = temp.resolve("out");
        BackfillJob.run(new BackfillArguments(input, output, null, null, CONFIG), HealthCodeConfig.load(CONFIG));

        List<String> expected = bruteForce(pings, areas);
        List<String> actual = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("area-exposures.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            actual.add(n.get("areaId").asText() + " " + n.get("msisdn").asText() + " " + Times.parseIso(n.get("from").asText())
                    + ".." + Times.parseIso(n.get("to").asText()) + " @" + Times.parseIso(n.get("detectedAt").asText()));
        }
        actual.sort(null);
        assertTrue(expected.size() > 20, "the street has exposures: " + expected.size());
        assertEquals(expected, actual);
    }

    /** companions.md, Area exposures, read literally: each phone's pings through each area. */
    private static List<String> bruteForce(List<Ping> pings, List<Area> areas) {
        Map<String, List<Ping>> byPhone = new TreeMap<>();
        pings.forEach(p -> byPhone.computeIfAbsent(p.msisdn(), k -> new ArrayList<>()).add(p));
        TreeSet<String> found = new TreeSet<>();
        long gap = SPEC.maxGapMs();
        for (Area area : areas) {
            long end = area.to() == null ? Long.MAX_VALUE : area.to();
            for (List<Ping> track : byPhone.values()) {
                List<Ping> kept = track.stream().filter(p -> p.ts() >= area.at() - SPEC.retentionMs())
                        .sorted(Comparator.comparingLong(Ping::ts)).toList();
                Long runFrom = null;
                long last = 0;
                for (int i = 0; i <= kept.size(); i++) {
                    Ping ping = i < kept.size() ? kept.get(i) : null;
                    boolean inside = ping != null && area.polygon().covers(
                            GeoJsonGeometry.WGS84.createPoint(new Coordinate(ping.lon(), ping.lat())));
                    if (runFrom != null && (ping == null || !inside || ping.ts() - last > gap)) {
                        long runTo = ping == null ? last + gap : Math.min(ping.ts(), last + gap);
                        long from = Math.max(runFrom, area.from());
                        long to = Math.min(runTo, end);
                        if (to - from >= SPEC.areaMinStay().toMillis()) {
                            found.add(area.id() + " " + track.get(0).msisdn() + " " + from + ".." + to + " @"
                                    + Math.max(area.at(), to));
                        }
                        runFrom = null;
                    }
                    if (inside) {
                        if (runFrom == null) {
                            runFrom = ping.ts();
                        }
                        last = ping.ts();
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }
}
