package healthcode.jobs.bench;

import healthcode.common.geo.TowerTable;
import healthcode.jobs.backfill.BackfillArguments;
import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.backfill.UsageException;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.io.LocalFiles;
import healthcode.jobs.workload.WorkloadGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/healthcode bench}: the benchmark suite. Generates seeded synthetic provinces, times each
 * workflow beside a baseline in the same run, runs the JMH benchmarks, and rewrites the figures part of
 * BENCHMARKS.md. Figures are printed as they come; nothing here passes or fails.
 */
public final class BenchSuite {
    /** The case and phone of a companion record as the output encoder writes it. */
    private static final Pattern CASE_AND_PHONE = Pattern.compile("\"caseId\":\"([^\"]+)\",\"msisdn\":\"([^\"]+)\"");

    /**
     * @param phones, days the province of the throughput figures
     * @param dayPhones the phones of the one-day backfill (and of the health-code figure)
     * @param cityPhones the phones of the live figures (a simulated week on Kafka: state, case-to-colour latency)
     * @param replayRate messages per second the city's week is sent at; 0: as fast as the broker takes them,
     *     and the live jobs catch up over the backlog
     * @param provinceCasesPer10k new cases per day per 10,000 phones in the province of the throughput figures
     *     (small: enough cases that the SQL baseline has companions to find)
     * @param casesPer10k the same in the one-day province and the live city
     * @param smoke a quick run that only shows the suite works (short JMH runs, in this JVM)
     */
    public record Settings(int phones, int days, int dayPhones, int cityPhones, int replayRate, long seed,
                           double provinceCasesPer10k, double casesPer10k, boolean smoke, Path output, Path counties) {
        /** A few minutes: a small province with many cases, so that every figure has something to count. */
        public static Settings smoke(Path output, Path counties) {
            return new Settings(300, 5, 400, 300, 0, 2022, 100, 100, true, output, counties);
        }

        WorkloadGenerator.Settings province(int phones, int days, double cases) {
            WorkloadGenerator.Settings generated = WorkloadGenerator.Settings.of(phones, days, seed);
            return generated.withOutbreak(cases, generated.arrivalsPerDayPer10k());
        }
    }

    private BenchSuite() {}

    public static void run(Settings s, HealthCodeConfig config, Path home) throws Exception {
        if (!Files.isRegularFile(s.counties())) {
            throw new UsageException("county polygons " + s.counties() + " do not exist");
        }
        Report report = new Report(s, config);
        Path work = Files.createTempDirectory("healthcode-bench-");
        try {
            companions(s, config, work, report);
            oneDay(s, config, work, report);
            LiveBenchmark.run(s, home, work.resolve("live"), report);
            JmhFigures.run(s.smoke(), config.editionsFolder(), report);
        } finally {
            LocalFiles.deleteRecursively(work);
        }
        report.write(s.output());
        System.out.println("bench: figures written to " + s.output());
    }

    /**
     * Only the live figures (a week of the city through both live jobs, state, case to colour), printed and not
     * written: a city of 200,000 phones takes hours on two cores, a run of its own. Its figures go into the
     * hand-written reading of BENCHMARKS.md.
     */
    public static void runLive(Settings s, HealthCodeConfig config, Path home) throws Exception {
        if (!Files.isRegularFile(s.counties())) {
            throw new UsageException("county polygons " + s.counties() + " do not exist");
        }
        Path work = Files.createTempDirectory("healthcode-bench-live-");
        try {
            LiveBenchmark.run(s, home, work, new Report(s, config));
        } finally {
            LocalFiles.deleteRecursively(work);
        }
    }

    /** Companion throughput against parse-and-place, and the SQL interval join on the same province. */
    private static void companions(Settings s, HealthCodeConfig config, Path work, Report report) throws Exception {
        Path province = work.resolve("province");
        WorkloadGenerator.Size size = WorkloadGenerator.write(province, s.province(s.phones(), s.days(), s.provinceCasesPer10k()),
                s.counties());
        TowerTable towers = TowerTable.read(Files.readAllLines(province.resolve("towers.csv"), StandardCharsets.UTF_8));
        System.out.printf("bench: province of %,d phones x %d days: %,d pings, %d cases%n", s.phones(), s.days(),
                size.pings(), size.cases());
        ThroughputJobs.parseAndPlace(province, config, towers); // warm-up: class loading, JIT
        double parse = seconds(() -> ThroughputJobs.parseAndPlace(province, config, towers));
        report.rate("parse-and-place", "pings", size.pings(), parse);
        Path detected = work.resolve("detected");
        double companions = seconds(s, () -> ThroughputJobs.companions(province, config, towers, true,
                work.resolve("warm-up-live")), () -> ThroughputJobs.companions(province, config, towers, true, detected));
        report.rate("companions", "pings", size.pings(), companions);
        double backfill = seconds(s, () -> ThroughputJobs.companions(province, config, towers, false,
                work.resolve("warm-up-backfill")), () -> ThroughputJobs.companions(province, config, towers, false,
                work.resolve("detected-backfill")));
        report.rate("companions-backfill", "pings", size.pings(), backfill);
        Set<String> ours = pairs(ThroughputJobs.allLines(detected, "companions-"));
        report.count("companion detections", ThroughputJobs.lines(detected, "companions-"));
        report.count("area exposures", ThroughputJobs.lines(detected, "area-exposures-"));
        Set<String>[] sql = new Set[1];
        Timed sqlJoin = () -> sql[0] = SqlCompanionBaseline.run(ThroughputJobs.environment(config),
                province.resolve("pings.jsonl"), province.resolve("cases.jsonl"),
                ThroughputJobs.locatedPings(config, towers), config.companions(), config.live().maxOutOfOrderness());
        double join = seconds(s, sqlJoin, sqlJoin);
        report.rate("sql-interval-join", "pings", size.pings(), join);
        Set<String> both = new TreeSet<>(ours);
        both.retainAll(sql[0]);
        report.sameCompanions(ours.size(), sql[0].size(), both.size());
    }

    /** One simulated day of the big province as a backfill, then the health-code workflow over its records. */
    private static void oneDay(Settings s, HealthCodeConfig config, Path work, Report report) throws Exception {
        Path day = work.resolve("day");
        WorkloadGenerator.Size size = WorkloadGenerator.write(day, s.province(s.dayPhones(), 1, s.casesPer10k()), s.counties());
        System.out.printf("bench: one day of %,d phones: %,d pings, %,d persons, %d cases%n", s.dayPhones(), size.pings(),
                size.persons(), size.cases());
        Path out = work.resolve("day-out");
        BackfillJob.Result[] result = new BackfillJob.Result[1];
        double backfill = seconds(() -> result[0] = BackfillJob.run(new BackfillArguments(day, out, null, null, null),
                config));
        report.backfillDay(s.dayPhones(), size.pings(), backfill, result[0]);

        // the health-code job alone: the day's records about persons and phones, and its detections
        Files.delete(day.resolve("pings.jsonl"));
        for (String detections : List.of("companions.jsonl", "area-exposures.jsonl")) {
            Files.copy(out.resolve(detections), day.resolve(detections), StandardCopyOption.REPLACE_EXISTING);
        }
        long events = 0;
        for (var decoder : ThroughputJobs.healthCodeDecoders()) {
            Path file = day.resolve(decoder.kind().fileName());
            events += Files.isRegularFile(file) ? ThroughputJobs.lines(day, decoder.kind().fileName()) : 0;
        }
        ThroughputJobs.parseHealthCodeInputs(day, config); // warm-up
        double parse = seconds(() -> ThroughputJobs.parseHealthCodeInputs(day, config));
        report.rate("parse-health-code-inputs", "events", events, parse);
        double healthCodes = seconds(s, () -> ThroughputJobs.healthCodes(day, config, result[0].horizon(),
                work.resolve("health-codes-warm-up")), () -> ThroughputJobs.healthCodes(day, config, result[0].horizon(),
                work.resolve("health-codes-out")));
        report.rate("health-codes", "events", events, healthCodes);
        report.count("colour changes", ThroughputJobs.lines(work.resolve("health-codes-out"), "changes-"));
    }

    /** (case, phone) pairs of companion records. */
    private static Set<String> pairs(List<String> companionLines) {
        Set<String> pairs = new TreeSet<>();
        for (String line : companionLines) {
            Matcher m = CASE_AND_PHONE.matcher(line);
            if (m.find()) {
                pairs.add(m.group(1) + " " + m.group(2));
            }
        }
        return pairs;
    }

    interface Timed {
        void run() throws Exception;
    }

    /**
     * Runs the warm-up, then times the job: the JIT otherwise made a first companion run twice as slow
     * as the next (BENCHMARKS.md). A smoke run, whose figures nobody reads, skips the warm-up.
     */
    private static double seconds(Settings s, Timed warmUp, Timed job) throws Exception {
        if (!s.smoke()) {
            warmUp.run();
        }
        return seconds(job);
    }

    static double seconds(Timed job) throws Exception {
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static void writeString(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
