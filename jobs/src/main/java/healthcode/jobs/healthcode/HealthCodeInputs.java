package healthcode.jobs.healthcode;

import healthcode.common.codec.InputStreamKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The raw input streams of the health-code workflow; a stream without a source is empty. */
public final class HealthCodeInputs {
    private final Map<InputStreamKind, SourceSpec> sources = new EnumMap<>(InputStreamKind.class);
    private final Map<InputStreamKind, DataStream<String>> streams = new EnumMap<>(InputStreamKind.class);

    public HealthCodeInputs with(InputStreamKind kind, SourceSpec spec) {
        sources.put(kind, spec);
        return this;
    }

    /** The raw records of a stream; both jobs share one source per stream. */
    public Optional<DataStream<String>> stream(StreamExecutionEnvironment env, InputStreamKind kind) {
        SourceSpec spec = sources.get(kind);
        if (spec == null) {
            return Optional.empty();
        }
        return Optional.of(streams.computeIfAbsent(kind, k -> env.fromSource(spec.source(), spec.watermarks(),
                "source-" + k.topic()).uid("source-" + k.topic())));
    }
}
