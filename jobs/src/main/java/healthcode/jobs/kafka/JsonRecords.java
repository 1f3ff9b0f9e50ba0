package healthcode.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Output records as JSON messages on one topic, keyed (by person, or phone) so that one key's records
 * keep their order in one partition, and stamped with their event time.
 */
public final class JsonRecords<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> json;
    private final SerializableFunction<T, Long> eventTime;

    /** @param key the message key, or a function giving null for none */
    public JsonRecords(String topic, SerializableFunction<T, String> key, SerializableFunction<T, String> json,
                       SerializableFunction<T, Long> eventTime) {
        this.topic = topic;
        this.key = key;
        this.json = json;
        this.eventTime = eventTime;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        Long time = eventTime.apply(element);
        // Kafka takes no time before 1970; such a record is stamped when it is written
        return new ProducerRecord<>(topic, null, time == null || time < 0 ? null : time,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8), json.apply(element).getBytes(StandardCharsets.UTF_8));
    }
}
