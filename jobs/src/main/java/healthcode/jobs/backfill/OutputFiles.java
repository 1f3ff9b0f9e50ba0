package healthcode.jobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.time.Times;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the part files the parallel sinks wrote into one file per output, in a fixed order, so a
 * backfill gives byte-identical files whatever the parallelism and scheduling.
 */
final class OutputFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One output file and the order of its lines. */
    enum Output {
        CHANGES("changes", Comparator.<JsonNode>comparingLong(n -> time(n, "at"))
                .thenComparing(n -> n.path("personId").asText()).thenComparingLong(n -> n.path("seq").asLong())),
        CURRENT("current", Comparator.comparing(n -> n.path("personId").asText())),
        COMPANIONS("companions", Comparator.<JsonNode>comparingLong(n -> time(n, "detectedAt"))
                .thenComparing(n -> n.path("caseId").asText()).thenComparing(n -> n.path("msisdn").asText())
                .thenComparingLong(n -> time(n, "from"))),
        AREA_EXPOSURES("area-exposures", Comparator.<JsonNode>comparingLong(n -> time(n, "detectedAt"))
                .thenComparing(n -> n.path("areaId").asText()).thenComparing(n -> n.path("msisdn").asText())
                .thenComparingLong(n -> time(n, "from"))),
        REJECTED("rejected", Comparator.<JsonNode, String>comparing(n -> n.path("source").asText())
                .thenComparingLong(n -> time(n, "at")).thenComparing(n -> n.path("raw").asText())
                .thenComparing(n -> n.path("reason").asText()));

        final String name;
        final Comparator<JsonNode> order;

        Output(String name, Comparator<JsonNode> order) {
            this.name = name;
            this.order = order;
        }
    }

    private OutputFiles() {}

    private static long time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? Long.MIN_VALUE : Times.parseIso(value.asText());
    }

    /** Writes {@code <output>/<name>.jsonl} from the parts and returns its number of lines. */
    static int merge(Path parts, Output output, Path folder) {
        List<Line> lines = new ArrayList<>();
        try {
            if (Files.isDirectory(parts)) {
                try (Stream<Path> files = Files.list(parts)) {
                    for (Path part : files.filter(p -> p.getFileName().toString().startsWith(output.name + "-")).toList()) {
                        for (String text : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                            lines.add(new Line(text, JSON.readTree(text)));
                        }
                    }
                }
            }
            lines.sort((a, b) -> {
                int byKey = output.order.compare(a.node, b.node);
                return byKey != 0 ? byKey : a.text.compareTo(b.text);
            });
            try (BufferedWriter writer = Files.newBufferedWriter(folder.resolve(output.name + ".jsonl"), StandardCharsets.UTF_8)) {
                for (Line line : lines) {
                    writer.write(line.text);
                    writer.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.size();
    }

    /** How many lines of a written output file have {@code field} later than {@code instant}. */
    static int countAfter(Path folder, Output output, String field, long instant) {
        int count = 0;
        try {
            for (String line : Files.readAllLines(folder.resolve(output.name + ".jsonl"), StandardCharsets.UTF_8)) {
                if (time(JSON.readTree(line), field) > instant) {
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    private record Line(String text, JsonNode node) {}
}
