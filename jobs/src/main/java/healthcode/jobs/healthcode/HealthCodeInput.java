package healthcode.jobs.healthcode;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import java.io.Serializable;
import org.apache.flink.util.function.SerializableFunction;

/** One input stream of the health-code job: how its raw records are decoded and what event each becomes. */
public record HealthCodeInput<T, E>(InputDecoder<T> decoder, SerializableFunction<T, E> toEvent) implements Serializable {

    static <T, E> HealthCodeInput<T, E> of(InputDecoder<T> decoder, SerializableFunction<T, E> toEvent) {
        return new HealthCodeInput<>(decoder, toEvent);
    }

    /** The event of a valid raw record, or null when the record is rejected. */
    public E read(String raw) {
        Decoded<T> decoded = decoder.decode(raw);
        return decoded.ok() ? toEvent.apply(decoded.value()) : null;
    }
}
