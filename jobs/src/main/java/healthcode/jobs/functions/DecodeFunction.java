package healthcode.jobs.functions;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import healthcode.common.domain.Rejection;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Parses raw records of one input stream: valid ones go on as events, bad ones to the
 * {@link #REJECTED} side output with the raw text and the reason, so bad input never stops the job.
 * (Files skip their blank lines before this; an empty Kafka message is rejected here.)
 */
public class DecodeFunction<T, OUT> extends ProcessFunction<String, OUT> {
    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected", TypeInformation.of(Rejection.class));

    private final InputDecoder<T> decoder;
    private final SerializableFunction<T, OUT> toEvent;

    public DecodeFunction(InputDecoder<T> decoder, SerializableFunction<T, OUT> toEvent) {
        this.decoder = decoder;
        this.toEvent = toEvent;
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<OUT> out) {
        Decoded<T> decoded = decoder.decode(raw);
        if (decoded.ok()) {
            out.collect(toEvent.apply(decoded.value()));
        } else {
            ctx.output(REJECTED, decoded.rejection());
        }
    }
}
