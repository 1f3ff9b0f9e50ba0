package healthcode.jobs.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * A seeded synthetic city for the companion benchmark: phones ping every 15 minutes, at home at
 * night, at one of a few workplaces (confined venues) by day, somewhere random in the evening; some
 * phones are cases isolated a day before the end and reported at the end, and five compounds are designated risk areas half way
 * through, from the start. The same seed gives the same files.
 */
public final class SyntheticCity {
    public static final long START = Instant.parse("2022-04-01T00:00:00Z").toEpochMilli() - 8 * 3600_000L;
    private static final long QUARTER = 15 * 60_000L;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(8));
    private static final double LAT = 22.80;
    private static final double LON = 108.30;
    private static final double SPAN = 0.10;

    public record Size(long pings, int cases) {}

    private SyntheticCity() {}

    public static Size write(Path folder, int phones, int days, long seed) throws IOException {
        Random random = new Random(seed);
        double[][] homes = new double[phones][];
        double[][] workplaces = new double[Math.max(1, phones / 40)][];
        for (int w = 0; w < workplaces.length; w++) {
            workplaces[w] = place(random);
        }
        int[] work = new int[phones];
        for (int p = 0; p < phones; p++) {
            homes[p] = place(random);
            work[p] = random.nextInt(workplaces.length);
        }
        long pings = 0;
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("pings.jsonl"), StandardCharsets.UTF_8)) {
            for (long t = START; t < START + days * 24 * 3600_000L; t += QUARTER) {
                int hour = (int) ((t - START) / 3600_000L % 24);
                String ts = ISO.format(Instant.ofEpochMilli(t));
                for (int p = 0; p < phones; p++) {
                    double[] at = hour < 8 || hour >= 22 ? homes[p]
                            : hour >= 9 && hour < 18 ? workplaces[work[p]] : place(random);
                    out.write("{\"msisdn\":\"139" + String.format("%08d", p) + "\",\"ts\":\"" + ts + "\",\"lat\":"
                            + jitter(at[0], random) + ",\"lon\":" + jitter(at[1], random) + "}\n");
                    pings++;
                }
            }
        }
        int cases = Math.max(1, phones / 100);
        long reported = START + days * 24 * 3600_000L;
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("cases.jsonl"), StandardCharsets.UTF_8)) {
            for (int c = 0; c < cases; c++) {
                int phone = random.nextInt(phones);
                out.write("{\"caseId\":\"c-" + c + "\",\"personId\":\"p-" + phone + "\",\"msisdns\":[\"139"
                        + String.format("%08d", phone) + "\"],\"kind\":\"CONFIRMED\",\"onsetAt\":\""
                        + ISO.format(Instant.ofEpochMilli(reported - 2 * 24 * 3600_000L)) + "\",\"isolatedAt\":\""
                        + ISO.format(Instant.ofEpochMilli(reported - 24 * 3600_000L)) + "\",\"reportedAt\":\""
                        + ISO.format(Instant.ofEpochMilli(reported)) + "\"}\n");
            }
        }
        // a few compounds designated as risk areas half way through, and the workplaces as confined venues
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("risk-areas.geojson"), StandardCharsets.UTF_8)) {
            for (int a = 0; a < 5; a++) {
                out.write(feature("{\"areaId\":\"area-" + a + "\",\"level\":\"HIGH\",\"from\":\""
                        + ISO.format(Instant.ofEpochMilli(START)) + "\",\"at\":\""
                        + ISO.format(Instant.ofEpochMilli(START + days * 12 * 3600_000L)) + "\"}", place(random), 0.005));
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("venues.geojson"), StandardCharsets.UTF_8)) {
            for (int w = 0; w < workplaces.length; w++) {
                out.write(feature("{\"venueId\":\"venue-" + w + "\",\"name\":\"workplace\",\"confined\":true,\"at\":\""
                        + ISO.format(Instant.ofEpochMilli(START)) + "\"}", workplaces[w], 0.0005));
            }
        }
        return new Size(pings, cases);
    }

    private static String feature(String properties, double[] centre, double half) {
        double lat = centre[0];
        double lon = centre[1];
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + (lon - half) + "," + (lat - half) + "],[" + (lon + half) + "," + (lat - half) + "],["
                + (lon + half) + "," + (lat + half) + "],[" + (lon - half) + "," + (lat + half) + "],[" + (lon - half) + ","
                + (lat - half) + "]]]}}\n";
    }

    private static double[] place(Random random) {
        return new double[] {LAT + random.nextDouble() * SPAN, LON + random.nextDouble() * SPAN};
    }

    /** Within about 50 m: a phone at one place stays in its cell, mostly. */
    private static String jitter(double value, Random random) {
        return String.format("%.6f", value + (random.nextDouble() - 0.5) * 0.0005);
    }
}
