package healthcode.jobs.bench;

import healthcode.jobs.backfill.BackfillJob;
import healthcode.jobs.config.HealthCodeConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one suite run, printed as they come and written as the top of BENCHMARKS.md; the part
 * from {@link #KEPT} on (what the figures mean for the bureau, and earlier figures: written by hand) is kept.
 */
final class Report {
    static final String KEPT = "## Reading the figures";

    private record Rate(String unit, long items, double seconds) {
        double perSecond() {
            return items / seconds;
        }
    }

    private final BenchSuite.Settings settings;
    private final HealthCodeConfig config;
    private final Map<String, Rate> rates = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> rows = new ArrayList<>();
    private String sameCompanions = "";
    private String backfillDay = "";
    private long[] state;
    private List<Long> latencies = List.of();

    Report(BenchSuite.Settings settings, HealthCodeConfig config) {
        this.settings = settings;
        this.config = config;
    }

    void rate(String name, String unit, long items, double seconds) {
        rates.put(name, new Rate(unit, items, seconds));
        System.out.printf(Locale.ROOT, "bench: %-26s %,12d %s in %7.1f s: %,10.0f %s/s%n", name, items, unit, seconds,
                items / seconds, unit);
    }

    void count(String name, long value) {
        counts.put(name, value);
        System.out.printf(Locale.ROOT, "bench: %-26s %,12d%n", name, value);
    }

    void sameCompanions(int ours, int sql, int both) {
        sameCompanions = String.format(Locale.ROOT, "%,d of the workflow's %,d (case, phone) pairs; %,d pairs in all",
                both, ours, sql);
        System.out.println("bench: SQL interval join finds " + sameCompanions);
    }

    void backfillDay(int phones, long pings, double seconds, BackfillJob.Result result) {
        backfillDay = String.format(Locale.ROOT, "%s (%,d pings, %,d changes, %,d companions, %,d area exposures)",
                duration(seconds), pings, result.count("changes"), result.count("companions"),
                result.count("area-exposures"));
        System.out.printf(Locale.ROOT, "bench: one-day backfill of %,d phones: %s%n", phones, backfillDay);
    }

    /** The live jobs' state after the simulated week: savepoints (canonical) and RocksDB checkpoints. */
    void state(int phones, int days, int persons, long companionSavepoint, long healthCodeSavepoint,
               long companionCheckpoint, long healthCodeCheckpoint) {
        double perPhoneDay = (double) companionSavepoint / ((long) phones * days);
        double perPerson = (double) healthCodeSavepoint / persons;
        state = new long[] {phones, days, persons, companionSavepoint, healthCodeSavepoint, companionCheckpoint,
                healthCodeCheckpoint};
        System.out.printf(Locale.ROOT, "bench: state after %d days of %,d phones: companion job %s (%,.0f bytes per phone-day),"
                        + " health-code job %s (%,.0f bytes per person); RocksDB checkpoints %s and %s%n", days, phones,
                bytes(companionSavepoint), perPhoneDay, bytes(healthCodeSavepoint), perPerson, bytes(companionCheckpoint),
                bytes(healthCodeCheckpoint));
    }

    /** Case-to-colour latencies in milliseconds, one per colour change the bench's cases caused. */
    void latencies(List<Long> millis) {
        latencies = millis.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "bench: case to colour: %d changes, median %s, p99 %s, max %s%n", latencies.size(),
                percentile(50), percentile(99), percentile(100));
    }

    private String percentile(int p) {
        if (latencies.isEmpty()) {
            return "none";
        }
        int index = Math.min(latencies.size() - 1, (int) Math.ceil(p / 100.0 * latencies.size()) - 1);
        return String.format(Locale.ROOT, "%.2f s", latencies.get(Math.max(0, index)) / 1000.0);
    }

    private static String bytes(long bytes) {
        return bytes >= 10L << 20 ? String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%,.0f kB", bytes / 1e3);
    }

    void jmh(String benchmark, String unit, double score, double error) {
        rows.add(String.format(Locale.ROOT, "| JMH `%s` | %,.0f ± %,.0f %s/s | | | |", benchmark, score, error, unit));
        System.out.printf(Locale.ROOT, "bench: JMH %-30s %,14.0f ± %,.0f %s/s%n", benchmark, score, error, unit);
    }

    void write(Path file) throws IOException {
        String kept = "";
        if (Files.isRegularFile(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int at = old.indexOf(KEPT);
            kept = at < 0 ? "" : old.substring(at);
        }
        BenchSuite.writeString(file, figures() + "\n" + kept);
    }

    private String figures() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Written by `bin/healthcode bench` (")
                .append(settings.smoke() ? "smoke run" : "full run")
                .append(") on ").append(LocalDate.now(ZoneOffset.UTC))
                .append("; everything above \"Reading the figures\" is replaced at each run. Each figure stands beside a\n")
                .append("baseline measured in the same run: compare ratios, not absolute rates, between machines.\n")
                .append("How each is made: [below](#how-the-figures-are-made). Nothing here is asserted by a test.\n\n");
        md.append("## Machine and settings\n\n| | |\n|---|---|\n");
        md.append("| machine | ").append(machine()).append(" |\n");
        md.append(String.format(Locale.ROOT, "| Flink | %s, embedded cluster, parallelism %d, state backend %s |%n",
                org.apache.flink.runtime.util.EnvironmentInformation.getVersion(), config.backfillParallelism(),
                config.stateBackend()));
        md.append(String.format(Locale.ROOT, "| province | %,d phones x %d days (seed %d, %.0f new cases a day per 10,000"
                        + " phones): %,d pings |%n", settings.phones(), settings.days(), settings.seed(),
                settings.provinceCasesPer10k(), rate("companions").items()));
        md.append(String.format(Locale.ROOT, "| one day | %,d phones, 1 day (seed %d, %.0f new cases a day per 10,000"
                + " phones) |%n", settings.dayPhones(), settings.seed(), settings.casesPer10k()));
        md.append(String.format(Locale.ROOT, "| live | a city of %,d phones, %d days, then cases reported now; live settings"
                + " %s (checkpoints every %s s while the jobs take in the week), 4 partitions per topic, both jobs at"
                + " parallelism 2 |%n%n", settings.cityPhones(), LiveBenchmark.WEEK,
                new java.util.TreeMap<>(LiveBenchmark.LOW_LATENCY), LiveBenchmark.HISTORY_CHECKPOINT_SECONDS));

        md.append("## Figures\n\n| figure | measured | baseline (same run) | ratio | target |\n|---|---|---|---|---|\n");
        Rate companions = rate("companions");
        Rate parse = rate("parse-and-place");
        Rate sql = rate("sql-interval-join");
        md.append(row("companion workflow", companions, "parse and place", parse,
                companions.perSecond() / parse.perSecond(), "at least 0.5 x"));
        md.append(row("companion workflow", companions, "SQL interval join", sql,
                companions.perSecond() / sql.perSecond(), "at least 2 x"));
        md.append(row("companion workflow as a backfill (no watermark until the input ends)", rate("companions-backfill"),
                "parse and place", parse, rate("companions-backfill").perSecond() / parse.perSecond(), ""));
        md.append("| SQL interval join finds the same companions | ").append(sameCompanions).append(" | | | all |\n");
        md.append(String.format(Locale.ROOT, "| detections in the province | %,d companions, %,d area exposures | | | |%n",
                counts.getOrDefault("companion detections", 0L), counts.getOrDefault("area exposures", 0L)));
        Rate healthCodes = rate("health-codes");
        Rate parseEvents = rate("parse-health-code-inputs");
        md.append(row("health-code workflow", healthCodes, "parse only", parseEvents,
                healthCodes.perSecond() / parseEvents.perSecond(), ""));
        md.append(String.format(Locale.ROOT, "| one-day backfill, %,d phones | %s | | | |%n", settings.dayPhones(),
                backfillDay));
        if (state != null) {
            Rate week = rate("live-week");
            md.append(String.format(Locale.ROOT, "| a week of %,d phones through both live jobs (Kafka, exactly-once),"
                    + " %s | %,.0f pings/s (%s), %,d records rejected | | | none rejected |%n",
                    state[0], settings.replayRate() == 0 ? "in the topics before they start (a backlog they catch up on)"
                            : String.format(Locale.ROOT, "replayed at most %,d messages/s", settings.replayRate()),
                    week.perSecond(), duration(week.seconds()),
                    counts.getOrDefault("live records rejected", -1L)));
            md.append(String.format(Locale.ROOT, "| state per phone-day (companion job, after %d days) | %,.0f bytes"
                    + " (savepoint %s; RocksDB checkpoint %s) | | | 50 M phones x 14 days on a named cluster |%n", state[1],
                    (double) state[3] / (state[0] * state[1]), bytes(state[3]), bytes(state[5])));
            md.append(String.format(Locale.ROOT, "| state per person (health-code job, %,d persons) | %,.0f bytes"
                    + " (savepoint %s; RocksDB checkpoint %s) | | | |%n", state[2], (double) state[4] / state[2],
                    bytes(state[4]), bytes(state[6])));
            md.append(String.format(Locale.ROOT, "| case to colour changes, read committed (%,d changes of %s cases) |"
                    + " median %s, p99 %s, max %s | | | p99 under 2 s |%n", latencies.size(),
                    settings.smoke() ? "3" : "20", percentile(50), percentile(99), percentile(100)));
        }
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n').append(HOW).append('\n');
        return md.toString();
    }

    private Rate rate(String name) {
        Rate rate = rates.get(name);
        if (rate == null) {
            throw new IllegalStateException("no figure " + name);
        }
        return rate;
    }

    private static String row(String what, Rate measured, String baselineName, Rate baseline, double ratio,
                              String target) {
        return String.format(Locale.ROOT, "| %s | %,.0f %s/s (%s) | %s: %,.0f %s/s (%s) | %.2f x | %s |%n", what,
                measured.perSecond(), measured.unit(), duration(measured.seconds()), baselineName, baseline.perSecond(),
                baseline.unit(), duration(baseline.seconds()), ratio, target);
    }

    private static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%s; %d cores, %.0f GiB; %s %s; Java %s, heap up to %.1f GiB", cpuModel(),
                runtime.availableProcessors(), memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                runtime.maxMemory() / (1024.0 * 1024 * 1024));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count still tells the size
        }
        return "CPU model unknown";
    }

    private static final String HOW = """
            ## How the figures are made

            - **Province**: `bin/healthcode generate` with the settings above (towns of about 1,000 phones in
              real Guangxi counties, hourly location updates plus bursts, 30 % of pings through their tower,
              workplaces and leisure venues, cases with their homes sealed after the fact, NAT screening every
              3 days, arrivals).
            - **Parse and place**: read `pings.jsonl`, decode each ping and place it on the H3 grid (tower
              table for tower pings), discard. Every workflow timed here runs once on the same input before
              it is timed (on two cores the JIT made a first run of the companion workflow take twice as
              long as the next; not in `bench smoke`); its time includes its start (about a second) on the
              embedded cluster.
            - **Companion workflow**: the same, then stays per phone, the cell index and the case join, every
              phone's pings through the risk areas (`CompanionWorkflow`), detections written as JSON lines.
              Its sources have watermarks as a live job's: the latest event time read minus the live
              out-of-orderness bound (60 s), so its keyed functions work and sweep as time goes, as live; the
              parse-and-place baseline has the same watermarks (each ping's time is read twice, as live).
              The backfill row runs the same workflow without watermarks until the input ends, as
              `bin/healthcode backfill` does: each phone's and cell's events are then applied in one go.
            - **SQL interval join** (`SqlCompanionBaseline`): the same decoded pings as a table; stays as
              session windows per phone and cell, the 14-day dwell as an OVER window, an interval self-join on
              the cell (stays within a day of each other, overlap of at least 10 minutes, either dwell over
              30 hours), a regular join with the cases' exposure windows. "Same companions" compares the
              (case, phone) pairs each finds. The SQL's stays differ from companions.md on purpose, as a
              first attempt's would: a session window merges a return to the cell within the gap.
            - **One-day backfill**: `bin/healthcode backfill` (both jobs in one graph, RocksDB) over one
              simulated day of the big province, from reading the files to the merged outputs.
            - **Health-code workflow**: that day's records about persons and phones (subscribers, cases,
              statuses, NAT results, arrivals) and the backfill's detections, through `HealthCodeWorkflow`
              alone; baseline: reading and decoding the same files.
            - **Live** (`LiveBenchmark`): a Kafka broker (Maven Central jars, its own JVM) and an embedded
              cluster in the suite's JVM run both live jobs as deployed (RocksDB, exactly-once sinks, the link
              topic between them). A week of the city goes into the input topics in event-time order: with
              `--replay-rate 0` (the default) all of it before the jobs start, a backlog they catch up on;
              otherwise at most that many messages a second while they run. Idle inputs follow what the jobs
              have read of it (their committed offsets). Once every operator's watermark has passed the week's
              end, time runs with the wall clock. The week's figure is pings over the time from the jobs'
              start (or the first message sent, if replayed while they run) to that point; the jobs then
              checkpoint every 10 s, as shipped. **State**: then each job stops with a canonical savepoint (the
              companion job keeps 14 days, so it holds the whole week); per phone-day is the companion job's
              savepoint over phones x 7 days, per person the health-code job's over all persons. The RocksDB
              figure is the latest checkpoint's full size (compressed SST files). **Case to colour**: both
              jobs resume from their savepoints with the low-latency settings above (checkpoints every 0.2 s),
              as an operator changes settings; then cases of phone owners (onset 3 days ago, isolated an hour
              ago, so the window covers the whole week), sent one every 4 seconds with `reportedAt` now; each
              colour change of the case's episodes (its own and its companions') counts once, from sending the
              case to reading the change from `healthcode.changes` in `read_committed` mode. The records the
              jobs rejected (`rejected` topic) are counted: a figure with rejected pings is not valid. The
              latency is bounded below by how long the jobs wait on event time (out-of-orderness, idle
              timeout, clock lag) and by two checkpoints (the link topic and the changes topic are
              transactional), whatever the code does.
            - **JMH** (one fork, 3 warm-up and 5 measured iterations of a second; the smoke run: in the
              suite's JVM, one short iteration): `RuleEngineBenchmark.companionEpisode` drives the engine
              through a companion's episode (detection, a negative test every other day, every wake-up until
              green); `StayBuilderBenchmark.stays` sessionises a phone's located pings, `placedAndStays` also
              places each on the grid.
            """;
}
