package healthcode.jobs;

import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/** The state backend both modes run on, with the settings the benchmarks chose (BENCHMARKS.md). */
public final class StateBackends {
    /** Default of {@code heapEventsPerSubtask}: 100,000 waiting pings take about 20 MB of heap. */
    public static final int HEAP_EVENTS_PER_SUBTASK = 100_000;
    /** The job parameter the keyed functions read {@code heapEventsPerSubtask} from. */
    static final String HEAP_EVENTS_PARAMETER = "healthcode.heapEventsPerSubtask";

    private StateBackends() {}

    /**
     * A backfill: {@code rocksdb} or {@code hashmap}, RocksDB's timers on the heap. {@code heapEventsPerSubtask}
     * records per subtask and keyed function wait for the watermark on the heap, the rest in keyed state.
     */
    public static void configureBackfill(Configuration conf, String backend, int heapEventsPerSubtask) {
        configure(conf, backend, heapEventsPerSubtask);
        // Timers are few per key (one wake-up, one sweep) and hot: on the heap they cost a priority-queue
        // operation instead of a RocksDB write and delete each (about 15 %); a backfill never checkpoints them.
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.HEAP);
    }

    /**
     * A live job: the same, but RocksDB keeps its timers. Heap timers are written whole in the synchronous
     * part of every checkpoint (one or more per phone, cell and person), which made a live catch-up 15-25 %
     * slower and grows with the state; in RocksDB they are part of the incremental checkpoint (BENCHMARKS.md).
     */
    public static void configureLive(Configuration conf, String backend, int heapEventsPerSubtask) {
        configure(conf, backend, heapEventsPerSubtask);
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.ROCKSDB);
    }

    private static void configure(Configuration conf, String backend, int heapEventsPerSubtask) {
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(PipelineOptions.GLOBAL_JOB_PARAMETERS, Map.of(HEAP_EVENTS_PARAMETER, Integer.toString(heapEventsPerSubtask)));
    }

    /** The job's {@code heapEventsPerSubtask}, or the default when the job did not set it (harness tests). */
    public static int heapEventsPerSubtask(RuntimeContext context) {
        String value = context.getGlobalJobParameters().get(HEAP_EVENTS_PARAMETER);
        return value == null ? HEAP_EVENTS_PER_SUBTASK : Integer.parseInt(value);
    }
}
