package healthcode.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Output records as JSON messages on one topic, keyed (by person, or phone) so that one key's records
 * keep their order in one partition. The event time is in the record; the message's own timestamp is
 * when it was written, so topic retention counts from then (a replay of old records is not deleted at once).
 */
public final class JsonRecords<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> json;

    /** @param key the message key, or a function giving null for none */
    public JsonRecords(String topic, SerializableFunction<T, String> key, SerializableFunction<T, String> json) {
        this.topic = topic;
        this.key = key;
        this.json = json;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        // stamped when written: retention counts from then, so a replay of last year's records is kept
        return new ProducerRecord<>(topic, null, null,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8), json.apply(element).getBytes(StandardCharsets.UTF_8));
    }
}
