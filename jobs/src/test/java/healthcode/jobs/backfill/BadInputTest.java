package healthcode.jobs.backfill;

import static healthcode.jobs.backfill.ScenarioFiles.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import healthcode.common.codec.OutputEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import healthcode.common.codec.InputStreamKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad record lands in rejected with its source and reason; the good ones around it are processed. */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");

    private record Bad(String file, String raw, String reason) {}

    private static final String SQUARE = "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.36,22.81],[108.37,22.81],[108.37,22.82],[108.36,22.82],[108.36,22.81]]]}";
    private static final List<Bad> BAD = List.of(
            new Bad("cases.jsonl", "{\"caseId\":\"c-9\",\"personId\":\"p-9\",\"msisdns\":[],\"kind\":\"CONFIRMED\",\"isolatedAt\":\""
                    + t("2022-03-02 10:00") + "\",\"reportedAt\":\"" + t("2022-03-02 10:00") + "\"}",
                    "needs 'onsetAt' or 'firstPositiveSampleAt'"),
            new Bad("cases.jsonl", "[1,2,3]", "not a JSON object"),
            new Bad("case-status.jsonl", "{\"personId\":\"p-9\",\"status\":\"MAYBE\",\"at\":\"" + t("2022-03-02 10:00") + "\"}",
                    "field 'status' has unknown value 'MAYBE', expected one of [CONFIRMED, ASYMPTOMATIC, SUSPECTED, "
                            + "CLOSE_CONTACT, SUB_CLOSE_CONTACT, DISCHARGED, SUSPECT_EXCLUDED, CONTACT_RELEASED, "
                            + "YELLOW_RELEASED, FALSE_POSITIVE]"),
            new Bad("case-status.jsonl", "{\"personId\":\"p-9\",\"status\":\"CLOSE_CONTACT\",\"at\":\"" + t("2022-03-02 10:00")
                    + "\",\"lastExposureAt\":\"" + t("2022-03-03 10:00") + "\"}", "'lastExposureAt' is after 'at'"),
            new Bad("case-status.jsonl", "{\"personId\":42,\"status\":\"SUSPECTED\",\"at\":\"" + t("2022-03-02 10:00") + "\"}",
                    "field 'personId' must be a string"),
            new Bad("nat-results.jsonl", "{\"personId\":\"p-9\",\"sampleId\":\"s\",\"sampledAt\":\"" + t("2022-03-03 10:00")
                    + "\",\"resultAt\":\"" + t("2022-03-02 10:00") + "\",\"result\":\"NEGATIVE\"}", "'sampledAt' is after 'resultAt'"),
            new Bad("nat-results.jsonl", "{\"personId\":\"p-9\",\"sampleId\":\"s\",\"sampledAt\":\"2022-03-01T10:00:00\",\"resultAt\":\""
                    + t("2022-03-02 10:00") + "\",\"result\":\"NEGATIVE\"}",
                    "field 'sampledAt': '2022-03-01T10:00:00' is not an ISO-8601 time with an offset"),
            new Bad("nat-results.jsonl", "{\"personId\":\"p-9\" \"sampleId\":\"s\"}",
                    "not JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"),
            new Bad("arrivals.jsonl", "{\"personId\":\"p-9\",\"arrivedAt\":\"" + t("2022-03-02 10:00") + "\",\"reportedAt\":\""
                    + t("2022-03-02 12:00") + "\",\"originCode\":\"440300\",\"originRisk\":\"MARS\"}",
                    "field 'originRisk' has unknown value 'MARS', expected one of [OVERSEAS, HIGH_RISK_AREA, RISK_COUNTY, "
                            + "CASE_CITY, EPIDEMIC_CITY]"),
            new Bad("admin-actions.jsonl", "{\"actionId\":\"a\",\"personId\":\"p-9\",\"operator\":\"o\",\"district\":\"d\","
                    + "\"action\":\"ASSIGN\",\"reason\":\"r\",\"at\":\"" + t("2022-03-02 10:00") + "\"}", "ASSIGN needs field 'category'"),
            new Bad("subscribers.jsonl", "{\"personId\":\"p-9\",\"at\":\"" + t("2022-03-02 10:00") + "\"}", "missing field 'msisdn'"),
            new Bad("pings.jsonl", "{\"msisdn\":\"139\",\"ts\":\"" + t("2022-03-02 10:00") + "\",\"lat\":91.5,\"lon\":108.3}",
                    "field 'lat' must lie in [-90, 90]"),
            new Bad("pings.jsonl", "{\"msisdn\":\"139\",\"ts\":\"" + t("2022-03-02 10:00") + "\",\"cellId\":\"T-404\"}",
                    "unknown tower 'T-404'"),
            new Bad("pings.jsonl", "{\"msisdn\":\"139\",\"ts\":\"" + t("2022-03-02 10:00") + "\"}",
                    "needs 'lat' and 'lon' or 'cellId'"),
            new Bad("towers.csv", "T-9,north,108.3", "lat and lon must be numbers"),
            new Bad("venues.geojson", "{\"type\":\"Feature\",\"properties\":{\"venueId\":\"v\",\"name\":\"KTV\",\"at\":\""
                    + t("2022-03-02 10:00") + "\"}," + SQUARE + "}", "missing field 'confined'"),
            new Bad("risk-areas.geojson", "{\"type\":\"Feature\",\"properties\":{\"areaId\":\"a\",\"level\":\"LOW\","
                    + "\"from\":\"" + t("2022-03-02 10:00") + "\",\"at\":\"" + t("2022-03-02 10:00") + "\"}," + SQUARE + "}",
                    "field 'level' has unknown value 'LOW', expected one of [HIGH, MEDIUM, SEALED, CONTROL]"),
            new Bad("risk-areas.geojson", "{\"type\":\"Feature\",\"properties\":{\"areaId\":\"a\",\"level\":\"HIGH\","
                    + "\"from\":\"" + t("2022-03-02 10:00") + "\",\"at\":\"" + t("2022-03-02 10:00") + "\"},"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.3,22.8]}}",
                    "geometry type must be Polygon or MultiPolygon, not Point"),
            new Bad("admin-actions.jsonl", "{\"actionId\":\"" + "x".repeat(1_100_000) + "\"}",
                    "record too large: 1100015 characters, limit 1048576"));


    @TempDir
    Path temp;

    /** The rejection source of a file: its stream's topic, or {@code towers} for the tower table. */
    private static String sourceOf(String file) {
        return Arrays.stream(InputStreamKind.values()).filter(k -> k.fileName().equals(file)).map(InputStreamKind::topic)
                .findFirst().orElse("towers");
    }

    @Test
    void everyBadRecordIsRejectedWithItsReason_andTheGoodOnesAreProcessed() throws Exception {
        ScenarioFiles files = BackfillWorkflowTest.smallCity();
        for (Bad bad : BAD) {
            files.line(bad.file, bad.raw);
        }
        Path output = temp.resolve("out");
        BackfillJob.run(new BackfillArguments(files.write(temp.resolve("in"), 7L), output, null, null, CONFIG),
                HealthCodeConfig.load(CONFIG));

        Map<String, String> reasonByRaw = new TreeMap<>();
        for (String line : Files.readAllLines(output.resolve("rejected.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            reasonByRaw.put(n.get("raw").asText(), n.get("source").asText() + ": " + n.get("reason").asText());
        }
        for (Bad bad : BAD) {
            String source = sourceOf(bad.file);
            // a long raw text is cut to its first 64 KiB in the output
            String raw = bad.raw.length() <= OutputEncoder.MAX_REJECTED_RAW_CHARS ? bad.raw
                    : bad.raw.substring(0, OutputEncoder.MAX_REJECTED_RAW_CHARS) + "... (cut from " + bad.raw.length() + " characters)";
            String reason = reasonByRaw.get(raw);
            if (bad.reason.startsWith("not JSON")) {
                assertEquals(source + ": " + bad.reason, reason.substring(0, Math.min(reason.length(), source.length() + 2 + bad.reason.length())));
            } else {
                assertEquals(source + ": " + bad.reason, reason);
            }
        }
        assertEquals(BAD.size() + 2, reasonByRaw.size());
        List<String> persons = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("current.jsonl"))) {
            persons.add(JSON.readTree(line).get("personId").asText());
        }
        assertEquals(List.of("p-admin", "p-case", "p-child", "p-contact", "p-mother", "p-screened", "p-traveller"), persons);
    }

    @Test
    void badVenuesAndRiskAreasAreRejectedEvenWithoutPings() throws Exception {
        ScenarioFiles files = new ScenarioFiles();
        List<Bad> catalog = BAD.stream().filter(b -> b.file.endsWith(".geojson") || b.file.equals("towers.csv")).toList();
        catalog.forEach(bad -> files.line(bad.file, bad.raw));
        Path output = temp.resolve("catalog-only");
        BackfillJob.run(new BackfillArguments(files.write(temp.resolve("catalog-in"), null), output, null, null, CONFIG),
                HealthCodeConfig.load(CONFIG));
        List<String> reasons = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("rejected.jsonl"))) {
            reasons.add(JSON.readTree(line).get("reason").asText());
        }
        assertEquals(catalog.stream().map(b -> b.reason).sorted().toList(), reasons.stream().sorted().toList());
    }
}
