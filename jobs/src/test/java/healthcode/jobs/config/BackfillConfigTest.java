package healthcode.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import healthcode.jobs.StateBackends;
import healthcode.jobs.backfill.BackfillJob;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backfill section: its managed memory reaches the embedded cluster; a bad value stops start-up. */
class BackfillConfigTest {
    @TempDir
    Path temp;

    private HealthCodeConfig load(String backfill) throws Exception {
        return ConfigFiles.loadSection(temp, "backfill", backfill);
    }

    @Test
    void theManagedMemoryIsASettingWithTheShippedValueAsDefault() throws Exception {
        HealthCodeConfig shipped = HealthCodeConfig.load(Path.of("..", "config", "healthcode.yaml"));
        assertEquals(load("  {}\n").backfillManagedMemoryMb(), shipped.backfillManagedMemoryMb());
        assertEquals(MemorySize.ofMebiBytes(1024),
                BackfillJob.flinkConfig(shipped).get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
        assertEquals(MemorySize.ofMebiBytes(300),
                BackfillJob.flinkConfig(load("  managedMemoryMb: 300\n")).get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
    }

    @Test
    void theHeapLimitOfWaitingRecordsIsASettingTheKeyedFunctionsReadFromTheJob() throws Exception {
        HealthCodeConfig shipped = HealthCodeConfig.load(Path.of("..", "config", "healthcode.yaml"));
        assertEquals(StateBackends.HEAP_EVENTS_PER_SUBTASK, shipped.backfillHeapEventsPerSubtask());
        assertEquals(StateBackends.HEAP_EVENTS_PER_SUBTASK, shipped.live().heapEventsPerSubtask());
        assertEquals(Map.of("healthcode.heapEventsPerSubtask", "2500"), BackfillJob.flinkConfig(
                load("  heapEventsPerSubtask: 2500\n")).get(PipelineOptions.GLOBAL_JOB_PARAMETERS));
        assertEquals(PriorityQueueStateType.HEAP, BackfillJob.flinkConfig(shipped).get(RocksDBOptions.TIMER_SERVICE_FACTORY),
                "a backfill never checkpoints, so its timers stay on the heap");
        ConfigException e = assertThrows(ConfigException.class, () -> load("  heapEventsPerSubtask: -1\n"));
        assertEquals(temp.resolve("backfill.yaml") + ": backfill.heapEventsPerSubtask: must be a positive integer",
                e.getMessage());
    }

    @Test
    void aManagedMemoryOfNothingIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("  managedMemoryMb: 0\n"));
        assertEquals(temp.resolve("backfill.yaml") + ": backfill.managedMemoryMb: must be a positive integer", e.getMessage());
    }
}
