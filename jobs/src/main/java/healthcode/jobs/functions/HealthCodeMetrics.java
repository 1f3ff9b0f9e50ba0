package healthcode.jobs.functions;

import healthcode.common.domain.Colour;
import healthcode.common.engine.PersonState;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The health-code operator's metrics, group {@code healthcode}: {@code changes} by the colour changed to
 * (label {@code to}), {@code lateRecords} applied behind the watermark, and the gauges {@code persons} (persons
 * in state) and {@code episodesOpen}. The gauges are totals kept in operator state, so a restart or rescale
 * carries them on (after a rescale each subtask reports a share; their sum is the job's total).
 */
final class HealthCodeMetrics {
    private final Map<Colour, Counter> changes = new EnumMap<>(Colour.class);
    private Counter lateRecords;
    private long persons;
    private long episodesOpen;
    private final ListState<long[]> totals;

    private HealthCodeMetrics(ListState<long[]> totals) {
        this.totals = totals;
    }

    void register(MetricGroup operator) {
        MetricGroup group = operator.addGroup("healthcode");
        for (Colour colour : Colour.values()) {
            changes.put(colour, group.addGroup("to", colour.name()).counter("changes"));
        }
        lateRecords = group.counter("lateRecords");
        group.gauge("persons", () -> persons);
        group.gauge("episodesOpen", () -> episodesOpen);
    }

    void changedTo(Colour colour) {
        changes.get(colour).inc();
    }

    void appliedLate(int records) {
        lateRecords.inc(records);
    }

    /** A person's stored state went from {@code episodesBefore} open episodes to {@code after} (null: forgotten). */
    void stored(boolean storedBefore, int episodesBefore, PersonState after) {
        persons += (after == null ? 0 : 1) - (storedBefore ? 1 : 0);
        episodesOpen += (after == null ? 0 : after.episodes.size()) - episodesBefore;
    }

    /** The totals of a (restored) subtask: the sum of the shares it was given. */
    static HealthCodeMetrics restore(FunctionInitializationContext context) throws Exception {
        HealthCodeMetrics metrics = new HealthCodeMetrics(context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("metric-totals", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO)));
        for (long[] total : metrics.totals.get()) {
            metrics.persons += total[0];
            metrics.episodesOpen += total[1];
        }
        return metrics;
    }

    void snapshot() throws Exception {
        totals.update(java.util.List.of(new long[] {persons, episodesOpen}));
    }
}
