package healthcode.jobs.backfill;

import static healthcode.jobs.backfill.ScenarioFiles.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import healthcode.common.geo.GeoJsonGeometry;
import healthcode.common.geo.GridCells;
import healthcode.jobs.config.HealthCodeConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * The companion job and the colour engine in one backfill on the cluster, over pings around real
 * places: who is a companion and who is not, confined venues, tower pings, a case reported before
 * the exposure ends, and a district sealed after the fact.
 */
class CompanionBackfillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");
    private static final double[] LI_HOME = {22.8170, 108.3660};
    private static final double[] NEXT_CELL = {22.8350, 108.3660};
    private static final double[] CAFE = {22.7900, 108.3200};
    /** A KTV at the centre of its cell, and a flat 90 m away in the same cell. */
    private static final double[] KTV = GridCells.centre(new GridCells(8).cellOf(22.7700, 108.3000));
    private static final double[] BESIDE_KTV = {KTV[0] + 0.0008, KTV[1]};
    private static final double[] ZHAO_HOME = {22.7600, 108.4200};
    private static final double[] FAR = {23.1000, 108.9000};

    private static JsonNode xingning;
    private static double[] inXingning;
    private static double[] inQingxiu;

    @TempDir
    static Path temp;
    private static Path output;

    @BeforeAll
    static void runTheBackfill() throws Exception {
        Path input = writeScenario(temp.resolve("in"));
        output = temp.resolve("out");
        BackfillJob.run(new BackfillArguments(input, output, null, null, CONFIG), HealthCodeConfig.load(CONFIG));
    }

    /** Writes the scenario's files, lines shuffled, with Xingning sealed and the KTV as GeoJSON. */
    static Path writeScenario(Path folder) throws Exception {
        readDistricts();
        Path input = scenario().write(folder, 3L);
        Files.writeString(input.resolve("risk-areas.geojson"), sealedXingning());
        Files.writeString(input.resolve("venues.geojson"), ktv());
        return input;
    }

    private static void readDistricts() throws Exception {
        try (InputStream in = CompanionBackfillTest.class.getResourceAsStream("/geo/nanning-districts.geojson")) {
            for (JsonNode feature : JSON.readTree(in).get("features")) {
                String code = feature.get("properties").get("code").asText();
                Coordinate inside = GeoJsonGeometry.read(feature.get("geometry")).getInteriorPoint().getCoordinate();
                if (code.equals("450102")) {
                    xingning = feature;
                    inXingning = new double[] {inside.y, inside.x};
                } else if (code.equals("450103")) {
                    inQingxiu = new double[] {inside.y, inside.x};
                }
            }
        }
    }

    private static ScenarioFiles at(ScenarioFiles f, String msisdn, String from, String to, int every, double[] place) {
        return f.pings(msisdn, from, to, every, place[0], place[1]);
    }

    /** Case c-1 (Li): onset 8 April 08:00, so the window is 4 April 08:00 to isolation 9 April 09:00. */
    static ScenarioFiles scenario() {
        ScenarioFiles f = new ScenarioFiles()
                .line("cases.jsonl", "{\"caseId\":\"c-1\",\"personId\":\"p-li\",\"msisdns\":[\"13800000001\",\"13800000009\"],"
                        + "\"kind\":\"CONFIRMED\",\"onsetAt\":\"" + t("2022-04-08 08:00") + "\",\"isolatedAt\":\""
                        + t("2022-04-09 09:00") + "\",\"reportedAt\":\"" + t("2022-04-10 10:00") + "\"}")
                .line("cases.jsonl", "{\"caseId\":\"c-2\",\"personId\":\"p-zhao\",\"msisdns\":[\"13800000002\"],"
                        + "\"kind\":\"ASYMPTOMATIC\",\"firstPositiveSampleAt\":\"" + t("2022-04-11 08:00")
                        + "\",\"isolatedAt\":\"" + t("2022-04-12 20:00") + "\",\"reportedAt\":\"" + t("2022-04-12 10:00") + "\"}")
                .binding("13900000002", "p-visitor", "2021-01-01 00:00")
                .binding("13900000007", "p-singer", "2021-01-01 00:00")
                .binding("13900000008", "p-onward", "2021-01-01 00:00")
                .binding("13900000011", "p-resident", "2021-01-01 00:00")
                .tower("T-1", LI_HOME[0], LI_HOME[1]);
        // Li lives at home (well over 30 h there), with an afternoon at a cafe and an evening at a KTV
        at(f, "13800000001", "2022-04-01 00:00", "2022-04-06 14:30", 30, LI_HOME);
        at(f, "13800000001", "2022-04-06 15:00", "2022-04-06 16:00", 10, CAFE);
        at(f, "13800000001", "2022-04-06 16:10", "2022-04-08 18:30", 30, LI_HOME);
        at(f, "13800000001", "2022-04-08 19:00", "2022-04-08 20:30", 10, KTV);
        at(f, "13800000001", "2022-04-08 20:40", "2022-04-09 09:00", 30, LI_HOME);
        at(f, "13800000009", "2022-04-07 00:00", "2022-04-07 23:00", 30, LI_HOME); // Li's second phone
        // a visitor for an hour: a companion; a visitor for five minutes: not
        at(f, "13900000002", "2022-04-07 10:00", "2022-04-07 10:50", 10, LI_HOME).ping("13900000002", "2022-04-07 11:00",
                FAR[0], FAR[1]);
        f.ping("13900000003", "2022-04-07 10:00", LI_HOME[0], LI_HOME[1]).ping("13900000003", "2022-04-07 10:05", FAR[0],
                FAR[1]);
        // a visit before the window, and one in the next cell at the same time: not companions
        at(f, "13900000004", "2022-04-02 10:00", "2022-04-02 11:00", 10, LI_HOME).ping("13900000004", "2022-04-02 11:10",
                FAR[0], FAR[1]);
        at(f, "13900000005", "2022-04-07 10:00", "2022-04-07 11:00", 10, NEXT_CELL);
        // an hour together at the cafe, where neither stays long: no companion
        at(f, "13900000006", "2022-04-06 15:00", "2022-04-06 16:00", 10, CAFE);
        // a neighbour of the KTV who sings there with Li: a confined companion
        at(f, "13900000007", "2022-04-06 00:00", "2022-04-08 18:30", 30, BESIDE_KTV);
        at(f, "13900000007", "2022-04-08 19:05", "2022-04-08 20:25", 10, KTV);
        at(f, "13900000007", "2022-04-08 20:40", "2022-04-09 08:00", 30, BESIDE_KTV);
        // a phone seen only by its tower at Li's home for an hour: a companion
        for (String time : List.of("2022-04-07 14:00", "2022-04-07 14:20", "2022-04-07 14:40", "2022-04-07 15:00")) {
            f.towerPing("13900000010", time, "T-1");
        }
        // case c-2 (Zhao) is reported before isolation: a visit after the report is found as it ends
        at(f, "13800000002", "2022-04-05 00:00", "2022-04-12 20:00", 30, ZHAO_HOME);
        at(f, "13900000008", "2022-04-12 15:00", "2022-04-12 15:50", 10, ZHAO_HOME).ping("13900000008", "2022-04-12 16:00",
                FAR[0], FAR[1]);
        // a resident of Xingning, sealed later, and someone in Qingxiu next door
        at(f, "13900000011", "2022-04-05 08:00", "2022-04-05 18:00", 30, inXingning).ping("13900000011",
                "2022-04-05 18:30", FAR[0], FAR[1]);
        at(f, "13900000012", "2022-04-05 08:00", "2022-04-05 18:00", 30, inQingxiu);
        return f;
    }

    /** Xingning district sealed from 5 to 7 April, designated on 8 April. */
    private static String sealedXingning() {
        ObjectNode feature = xingning.deepCopy();
        ObjectNode p = JSON.createObjectNode();
        p.put("areaId", "xingning-sealed").put("level", "SEALED").put("from", t("2022-04-05 00:00"))
                .put("to", t("2022-04-07 00:00")).put("at", t("2022-04-08 12:00"));
        feature.set("properties", p);
        return "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}";
    }

    private static String ktv() {
        double h = 0.0004;
        double lat = KTV[0];
        double lon = KTV[1];
        return "{\"type\":\"Feature\",\"properties\":{\"venueId\":\"ktv-7\",\"name\":\"Golden Voice\",\"confined\":true,"
                + "\"at\":\"" + t("2021-01-01 00:00") + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[["
                + (lon - h) + "," + (lat - h) + "],[" + (lon + h) + "," + (lat - h) + "],[" + (lon + h) + "," + (lat + h)
                + "],[" + (lon - h) + "," + (lat + h) + "],[" + (lon - h) + "," + (lat - h) + "]]]}}\n";
    }

    private static List<JsonNode> read(String file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve(file))) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void exactlyThePhonesThatSharedACellLongEnoughInTheWindowAreCompanions() throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonNode c : read("companions.jsonl")) {
            found.add(c.get("caseId").asText() + " " + c.get("msisdn").asText() + " " + c.get("personIds") + " "
                    + c.get("from").asText().substring(5, 16) + ".." + c.get("to").asText().substring(11, 16) + " "
                    + c.get("overlapMinutes").asInt() + "min" + (c.get("confined").asBoolean() ? " in "
                    + c.get("venueId").asText() : "") + " detected " + c.get("detectedAt").asText().substring(5, 16));
        }
        assertEquals(List.of(
                "c-1 13900000002 [\"p-visitor\"] 04-07T10:00..11:00 60min detected 04-10T10:00",
                "c-1 13900000007 [\"p-singer\"] 04-08T19:05..20:40 95min in ktv-7 detected 04-10T10:00",
                "c-1 13900000010 [\"msisdn:13900000010\"] 04-07T14:00..15:30 90min detected 04-10T10:00",
                "c-2 13900000008 [\"p-onward\"] 04-12T15:00..16:00 60min detected 04-12T16:00"), found);
    }

    @Test
    void aDistrictSealedAfterTheFactFindsItsResidentFromThePingsKept() throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonNode a : read("area-exposures.jsonl")) {
            found.add(a.get("areaId").asText() + " " + a.get("level").asText() + " " + a.get("msisdn").asText() + " "
                    + a.get("personIds") + " " + a.get("from").asText().substring(5, 16) + ".."
                    + a.get("to").asText().substring(5, 16) + " detected " + a.get("detectedAt").asText().substring(5, 16));
        }
        assertEquals(List.of("xingning-sealed SEALED 13900000011 [\"p-resident\"] 04-05T08:00..04-05T18:30 detected "
                + "04-08T12:00"), found);
    }

    @Test
    void theDetectionsOpenTheirEpisodesInTheColourEngine() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (JsonNode c : read("changes.jsonl")) {
            String person = c.get("personId").asText();
            if (!seen.contains(person)) {
                seen.add(person);
                first.add(person + " " + c.get("to").asText() + " " + c.get("cause").get("category").asText() + " "
                        + c.get("at").asText().substring(5, 16));
            }
        }
        first.sort(null);
        assertEquals(List.of(
                "msisdn:13900000010 YELLOW COMPANION 04-10T10:00",
                "p-li RED CONFIRMED 04-10T10:00",
                "p-onward YELLOW COMPANION 04-12T16:00",
                "p-resident RED SPECIAL_AREA 04-08T12:00",
                "p-singer RED CONFINED_COMPANION 04-10T10:00",
                "p-visitor YELLOW COMPANION 04-10T10:00",
                "p-zhao RED ASYMPTOMATIC 04-12T10:00"), first);
    }

    @Test
    void nothingIsRejected() throws Exception {
        assertEquals(List.of(), Files.readAllLines(output.resolve("rejected.jsonl")));
    }
}
