package healthcode.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bin/healthcode demo backfill}: a backfill of the bundled scenario (demo/scenario) on the
 * embedded cluster, printed as a timeline per person.
 */
public final class BackfillDemo {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackfillDemo() {}

    public static void run(Path home, Path config) throws Exception {
        Path scenario = home.resolve("demo").resolve("scenario");
        Path output = home.resolve("demo").resolve("output");
        PrintStream out = System.out;
        out.println("Health-code demo: backfill of " + scenario + " on an embedded Flink cluster with RocksDB...");
        BackfillJob.Result result = BackfillJob.run(new BackfillArguments(scenario, output, null, null, config),
                HealthCodeConfig.load(config));
        printDetections(output, out);
        printTimelines(output, out);
        out.printf("%n%d companions, %d area exposures, %d changes for %d persons, %d rejected records; files in %s%n",
                result.count("companions"), result.count("area-exposures"), result.count("changes"),
                result.count("current"), result.count("rejected"), output);
    }

    /** What the companion job found in the pings, before the colours they lead to. */
    static void printDetections(Path output, PrintStream out) throws IOException {
        out.printf("%nCompanions found in the pings:%n");
        for (String line : Files.readAllLines(output.resolve("companions.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            out.printf("  %s: %s %s, %d min in cell %s%s%n", c.get("caseId").asText(), c.get("msisdn").asText(),
                    c.get("personIds"), c.get("overlapMinutes").asInt(), c.get("cell").asText(),
                    c.get("confined").asBoolean() ? ", confined in " + c.get("venueId").asText() : "");
        }
        out.printf("%nRisk-area exposures:%n");
        for (String line : Files.readAllLines(output.resolve("area-exposures.jsonl"))) {
            JsonNode a = JSON.readTree(line);
            out.printf("  %s (%s): %s %s, %s to %s%n", a.get("areaId").asText(), a.get("level").asText(),
                    a.get("msisdn").asText(), a.get("personIds"), a.get("from").asText().replace('T', ' '),
                    a.get("to").asText().replace('T', ' '));
        }
    }

    static void printTimelines(Path output, PrintStream out) throws IOException {
        Map<String, List<JsonNode>> byPerson = new TreeMap<>();
        for (String line : Files.readAllLines(output.resolve("changes.jsonl"))) {
            JsonNode change = JSON.readTree(line);
            byPerson.computeIfAbsent(change.get("personId").asText(), p -> new ArrayList<>()).add(change);
        }
        Map<String, String> colourNow = new TreeMap<>();
        for (String line : Files.readAllLines(output.resolve("current.jsonl"))) {
            JsonNode current = JSON.readTree(line);
            colourNow.put(current.get("personId").asText(), current.get("colour").asText());
        }
        for (Map.Entry<String, List<JsonNode>> person : byPerson.entrySet()) {
            out.printf("%n%s (now %s)%n", person.getKey(), colourNow.getOrDefault(person.getKey(), "?"));
            for (JsonNode c : person.getValue()) {
                JsonNode cause = c.get("cause");
                out.printf("  %s  %-6s -> %-6s  %s %s, phase %s, by %s [%s]%n", c.get("at").asText().replace('T', ' '),
                        c.get("from").asText(), c.get("to").asText(), cause.get("category").asText(),
                        cause.get("episodeId").asText(), cause.get("phase").asText(), cause.get("trigger").asText(),
                        c.get("edition").asText());
            }
        }
        List<String> rejected = Files.readAllLines(output.resolve("rejected.jsonl"));
        if (!rejected.isEmpty()) {
            out.printf("%nRejected input:%n");
            for (String line : rejected) {
                JsonNode r = JSON.readTree(line);
                out.printf("  %s: %s%n", r.get("source").asText(), r.get("reason").asText());
            }
        }
    }
}
