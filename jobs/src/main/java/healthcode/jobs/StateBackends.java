package healthcode.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/** The state backend both modes run on, with the settings the benchmarks chose (BENCHMARKS.md). */
public final class StateBackends {
    private StateBackends() {}

    /** Sets {@code rocksdb} or {@code hashmap}; RocksDB keeps its timers on the heap. */
    public static void configure(Configuration conf, String backend) {
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        // Timers are few per key (one wake-up, one sweep) and hot: on the heap they cost a priority-queue
        // operation instead of a RocksDB write and delete each; they are still part of every checkpoint.
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.HEAP);
    }
}
