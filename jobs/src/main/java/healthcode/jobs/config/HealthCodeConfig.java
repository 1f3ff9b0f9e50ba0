package healthcode.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.engine.EngineSettings;
import healthcode.common.geo.TowerTable;
import healthcode.common.time.Times;
import healthcode.jobs.StateBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The job configuration (config/healthcode.yaml), parsed once into typed values with defaults.
 * Every key is documented in that file; unknown keys are errors, so a typo cannot pass silently.
 *
 * @param editionsFolder the folder of rule editions (relative paths are relative to the config file)
 * @param backfillParallelism parallelism of a backfill on the embedded cluster
 * @param stateBackend {@code rocksdb} (production) or {@code hashmap}
 * @param backfillManagedMemoryMb the embedded cluster's managed memory in a backfill (RocksDB's caches and write buffers)
 * @param backfillHeapEventsPerSubtask records each keyed function of a backfill keeps on the heap while they wait
 *     for the watermark, per subtask; the rest wait in keyed state
 * @param companions the numbers of companions.md
 * @param towerTable the tower table for live runs, or null (a backfill reads towers.csv from its input folder)
 * @param live the live jobs on Kafka
 */
public record HealthCodeConfig(Path file, Path editionsFolder, ZoneId outputZone, EngineSettings engine,
                               int backfillParallelism, String stateBackend, int backfillManagedMemoryMb,
                               int backfillHeapEventsPerSubtask,
                               CompanionSettings companions,
                               Path towerTable, LiveConfig live) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The same configuration with another backfill parallelism and state backend. */
    public HealthCodeConfig withBackfill(int parallelism, String backend) {
        return new HealthCodeConfig(file, editionsFolder, outputZone, engine, parallelism, backend,
                backfillManagedMemoryMb, backfillHeapEventsPerSubtask, companions, towerTable, live);
    }

    /** The configured tower table ({@code companions.towerTable}), or an empty one when none is set. */
    public TowerTable readTowerTable() {
        if (towerTable == null) {
            return TowerTable.empty();
        }
        if (!Files.isRegularFile(towerTable)) {
            throw new ConfigException(file + ": companions.towerTable: " + towerTable + " does not exist");
        }
        try {
            return TowerTable.read(Files.readAllLines(towerTable, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + ": companions.towerTable: cannot read " + towerTable + ": " + e.getMessage());
        }
    }

    public static HealthCodeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": config file does not exist");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        ConfigReader r = new ConfigReader(file, root == null || root.isNull() ? YAML.createObjectNode() : root);
        r.onlyKeys("", root, List.of("editions", "outputZone", "engine", "companions", "backfill", "live"));
        Path base = file.toAbsolutePath().getParent();
        Path editions = base.resolve(r.text("editions", "editions"));
        ZoneId zone;
        try {
            zone = Times.zone(r.text("outputZone", "Asia/Shanghai"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": outputZone: " + e.getMessage());
        }
        JsonNode engine = r.section("engine", List.of("factRetentionDays", "personRetentionDays"));
        long factDays = r.positiveInt(engine, "engine.factRetentionDays", 60);
        long personDays = r.positiveInt(engine, "engine.personRetentionDays", 400);
        JsonNode backfill = r.section("backfill", List.of("parallelism", "stateBackend", "managedMemoryMb",
                "heapEventsPerSubtask"));
        int parallelism = r.positiveInt(backfill, "backfill.parallelism", 2);
        String backend = r.text(backfill, "backfill.stateBackend", "rocksdb");
        if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
            throw new ConfigException(file + ": backfill.stateBackend: must be rocksdb or hashmap, not '" + backend + "'");
        }
        int managedMemoryMb = r.positiveInt(backfill, "backfill.managedMemoryMb", 1024);
        int heapEvents = r.positiveInt(backfill, "backfill.heapEventsPerSubtask", StateBackends.HEAP_EVENTS_PER_SUBTASK);
        JsonNode c = r.section("companions", List.of("h3Resolution", "maxGapMinutes", "lookbackDays",
                "minOverlapMinutes", "dwellLookbackDays", "minCumulativeDwellHours", "retentionDays",
                "areaMinStayMinutes", "bucketMinutes", "maxPolygonKm2", "towerTable"));
        CompanionSettings d = CompanionSettings.defaults();
        int resolution = r.nonNegativeInt(c, "companions.h3Resolution", d.h3Resolution());
        if (resolution > 15) {
            throw new ConfigException(file + ": companions.h3Resolution: must lie in [0, 15]");
        }
        CompanionSettings companions = new CompanionSettings(resolution,
                Duration.ofMinutes(r.positiveInt(c, "companions.maxGapMinutes", (int) d.maxGap().toMinutes())),
                Duration.ofDays(r.positiveInt(c, "companions.lookbackDays", (int) d.lookback().toDays())),
                Duration.ofMinutes(r.positiveInt(c, "companions.minOverlapMinutes", (int) d.minOverlap().toMinutes())),
                Duration.ofDays(r.positiveInt(c, "companions.dwellLookbackDays", (int) d.dwellLookback().toDays())),
                Duration.ofHours(r.nonNegativeInt(c, "companions.minCumulativeDwellHours",
                        (int) d.minCumulativeDwell().toHours())),
                Duration.ofDays(r.positiveInt(c, "companions.retentionDays", (int) d.retention().toDays())),
                Duration.ofMinutes(r.positiveInt(c, "companions.areaMinStayMinutes", (int) d.areaMinStay().toMinutes())),
                Duration.ofMinutes(r.positiveInt(c, "companions.bucketMinutes", (int) d.bucket().toMinutes())),
                r.positiveInt(c, "companions.maxPolygonKm2", (int) d.maxPolygonKm2()));
        String towers = r.text(c, "companions.towerTable", null);
        return new HealthCodeConfig(file, editions, zone,
                new EngineSettings(factDays * Times.DAY, personDays * Times.DAY, zone), parallelism, backend,
                managedMemoryMb, heapEvents, companions, towers == null ? null : base.resolve(towers), LiveConfig.parse(r, root, base));
    }
}
