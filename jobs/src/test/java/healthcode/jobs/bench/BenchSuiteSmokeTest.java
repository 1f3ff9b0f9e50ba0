package healthcode.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of {@code bin/healthcode bench} keeps the suite working: every figure is measured and written,
 * the part kept by hand stays. No figure's value is judged: benchmarks are never timed tests.
 */
class BenchSuiteSmokeTest {
    private static final Path HOME = Path.of("..");
    private static final Path COUNTIES = HOME.resolve("..").resolve("shared").resolve("data")
            .resolve("guangxi-counties.geojson");

    @TempDir
    Path temp;

    @Test
    void theSmokeRunWritesEveryFigureAndKeepsTheEarlierOnes() throws Exception {
        Path output = temp.resolve("BENCHMARKS.md");
        Files.writeString(output, "# Benchmarks\n\nfigures of an earlier run\n\n" + Report.KEPT + "\n\nwritten by hand\n");

        BenchSuite.run(BenchSuite.Settings.smoke(output, COUNTIES),
                HealthCodeConfig.load(HOME.resolve("config").resolve("healthcode.yaml")), HOME);

        String md = Files.readString(output);
        assertFalse(md.contains("figures of an earlier run"));
        assertTrue(md.endsWith(Report.KEPT + "\n\nwritten by hand\n"), "the earlier figures are kept");
        for (String figure : List.of("| companion workflow |", "| health-code workflow |", "| one-day backfill, 400 phones |",
                "| a week of 300 phones through both live jobs", "| state per phone-day", "| state per person",
                "| JMH `RuleEngineBenchmark.companionEpisode` |", "| JMH `StayBuilderBenchmark.stays` |",
                "| JMH `StayBuilderBenchmark.placedAndStays` |")) {
            assertTrue(md.contains(figure), "no figure " + figure + " in\n" + md);
        }
        Matcher sql = Pattern.compile("finds the same companions \\| ([\\d,]+) of the workflow's ([\\d,]+)").matcher(md);
        assertTrue(sql.find(), md);
        assertTrue(number(sql.group(2)) > 0, "the smoke province has companions to compare");
        Matcher latency = Pattern.compile("case to colour changes, read committed \\(([\\d,]+) changes of 3 cases\\) \\|"
                + " median [\\d.]+ s, p99 [\\d.]+ s").matcher(md);
        assertTrue(latency.find(), md);
        assertTrue(number(latency.group(1)) > 0, "the cases sent turned someone's code");
        assertEquals(2, Pattern.compile("\\| companion workflow \\| [\\d,]+ pings/s").matcher(md).results().count());
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
