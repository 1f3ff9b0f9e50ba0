package healthcode.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.geo.GeoJsonGeometry;
import healthcode.common.geo.GridCells;
import healthcode.common.geo.PolygonIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of the persons' current colours by district. A person's district is where their phones pinged
 * most (demo/nanning-districts.geojson), else the district of an administrator's action about them.
 */
final class DemoSummary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOWHERE = "(no location)";

    private final Map<String, String> districtByPerson = new HashMap<>();

    DemoSummary(Path scenario, Path districts) throws IOException {
        GridCells grid = new GridCells(7);
        PolygonIndex<String> index = new PolygonIndex<>(grid);
        Map<String, String> names = new HashMap<>();
        for (JsonNode feature : JSON.readTree(districts.toFile()).get("features")) {
            String code = feature.get("properties").get("code").asText();
            names.put(code, feature.get("properties").get("name").asText() + " " + code);
            index.put(code, GeoJsonGeometry.read(feature.get("geometry")));
        }
        Map<String, Map<String, Integer>> pingsByPhone = new HashMap<>();
        for (JsonNode ping : lines(scenario.resolve("pings.jsonl"))) {
            if (ping.has("lat") && ping.has("lon")) {
                double lat = ping.get("lat").asDouble();
                double lon = ping.get("lon").asDouble();
                for (String code : index.containing(lat, lon, grid.cellOf(lat, lon))) {
                    pingsByPhone.computeIfAbsent(ping.get("msisdn").asText(), p -> new HashMap<>()).merge(code, 1, Integer::sum);
                }
            }
        }
        for (JsonNode action : lines(scenario.resolve("admin-actions.jsonl"))) {
            districtByPerson.put(action.get("personId").asText(), names.getOrDefault(action.get("district").asText(),
                    action.get("district").asText()));
        }
        for (JsonNode binding : lines(scenario.resolve("subscribers.jsonl"))) {
            String phone = binding.get("msisdn").asText();
            pingsByPhone.getOrDefault(phone, Map.of()).entrySet().stream().max(Map.Entry.comparingByValue())
                    .ifPresent(most -> districtByPerson.put(binding.get("personId").asText(), names.get(most.getKey())));
        }
        // a detection on an unbound phone goes to msisdn:<number>
        pingsByPhone.forEach((phone, byDistrict) -> byDistrict.entrySet().stream().max(Map.Entry.comparingByValue())
                .ifPresent(most -> districtByPerson.putIfAbsent("msisdn:" + phone, names.get(most.getKey()))));
    }

    /**
     * Prints, per district, how many persons hold each colour now (from their latest current state) and
     * how many were yellow or red at some point (from their changes).
     */
    void print(Map<String, String> colourByPerson, Map<String, java.util.Set<String>> coloursReached, PrintStream out) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        colourByPerson.forEach((person, colour) -> {
            Map<String, Integer> row = counts.computeIfAbsent(districtByPerson.getOrDefault(person, NOWHERE),
                    d -> new TreeMap<>());
            row.merge(colour, 1, Integer::sum);
            coloursReached.getOrDefault(person, java.util.Set.of()).forEach(c -> row.merge("ever " + c, 1, Integer::sum));
        });
        out.printf("%n%s %6s %6s %6s   %11s %8s%n", pad("district"), "GREEN", "YELLOW", "RED", "were YELLOW", "were RED");
        counts.forEach((district, row) -> out.printf("%s %6d %6d %6d   %11d %8d%n", pad(district),
                row.getOrDefault("GREEN", 0), row.getOrDefault("YELLOW", 0), row.getOrDefault("RED", 0),
                row.getOrDefault("ever YELLOW", 0), row.getOrDefault("ever RED", 0)));
    }

    /** Pads to 20 terminal columns; a Chinese character takes two. */
    private static String pad(String text) {
        int width = text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
        return text + " ".repeat(Math.max(1, 20 - width));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }).filter(n -> n.has("personId") || n.has("msisdn")).toList();
    }
}
