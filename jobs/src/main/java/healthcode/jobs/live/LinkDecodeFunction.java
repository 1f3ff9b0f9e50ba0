package healthcode.jobs.live;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.common.domain.Rejection;
import healthcode.common.engine.PhoneEvent;
import healthcode.jobs.functions.DecodeFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Reads the detections off the link (markers only moved the watermark); anything else is rejected. */
public class LinkDecodeFunction extends ProcessFunction<LinkRecord, PhoneEvent> {
    private final String topic;
    private final InputDecoders.Companions companions = new InputDecoders.Companions();
    private final InputDecoders.AreaExposures areaExposures = new InputDecoders.AreaExposures();

    public LinkDecodeFunction(String topic) {
        this.topic = topic;
    }

    @Override
    public void processElement(LinkRecord record, Context ctx, Collector<PhoneEvent> out) {
        if (record.kind == null) {
            ctx.output(DecodeFunction.REJECTED, new Rejection(topic, record.raw,
                    "not a record of the companion job (no " + LinkSerialization.KIND_HEADER + " header)", null));
        } else if (record.kind == LinkRecord.Kind.COMPANION) {
            emit(companions, record.raw, PhoneEvent::of, ctx, out);
        } else if (record.kind == LinkRecord.Kind.AREA_EXPOSURE) {
            emit(areaExposures, record.raw, PhoneEvent::of, ctx, out);
        }
    }

    private static <T> void emit(InputDecoder<T> decoder, String raw, java.util.function.Function<T, PhoneEvent> event,
                                 Context ctx, Collector<PhoneEvent> out) {
        Decoded<T> decoded = decoder.decode(raw);
        if (decoded.ok()) {
            out.collect(event.apply(decoded.value()));
        } else {
            ctx.output(DecodeFunction.REJECTED, decoded.rejection());
        }
    }
}
