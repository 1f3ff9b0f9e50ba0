package healthcode.jobs.functions;

import healthcode.common.codec.RejectionKind;
import healthcode.common.domain.Rejection;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Passes rejected records on to their sink, counting them by input and reason kind: the metric
 * {@code healthcode.rejected} with labels {@code source} (the topic) and {@code reason}.
 */
public class RejectionCounter extends RichMapFunction<Rejection, Rejection> {
    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
    }

    @Override
    public Rejection map(Rejection rejection) {
        String source = String.valueOf(rejection.source());
        String reason = RejectionKind.of(rejection.reason()).label();
        counters.computeIfAbsent(source + " " + reason, k -> getRuntimeContext().getMetricGroup().addGroup("healthcode")
                .addGroup("source", source).addGroup("reason", reason).counter("rejected")).inc();
        return rejection;
    }
}
