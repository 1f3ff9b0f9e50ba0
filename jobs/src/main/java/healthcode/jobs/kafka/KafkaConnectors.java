package healthcode.jobs.kafka;

import healthcode.common.codec.InputDecoder;
import healthcode.jobs.config.LiveConfig;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The Kafka sources, exactly-once sinks and input watermarks of the live jobs, as the configuration says. */
public final class KafkaConnectors {
    private KafkaConnectors() {}

    /** Reads a topic from the group's committed offsets (the earliest for a new group), committed records only. */
    public static <T> KafkaSource<T> source(LiveConfig live, LiveConfig.Job job, String topic,
                                             KafkaRecordDeserializationSchema<T> records) {
        Properties properties = TopicAdmin.clientProperties(live.bootstrapServers(), live.kafkaProperties());
        // only what the producers committed: a job's aborted transactions are never read
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put("commit.offsets.on.checkpoint", "true");
        return KafkaSource.<T>builder()
                .setBootstrapServers(live.bootstrapServers())
                .setProperties(properties)
                .setTopics(topic)
                .setGroupId(job.name())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(records)
                .build();
    }

    /** Writes with Kafka transactions committed at each checkpoint. */
    public static <T> KafkaSink<T> exactlyOnce(LiveConfig live, LiveConfig.Job job, String name,
                                         KafkaRecordSerializationSchema<T> records) {
        Properties properties = TopicAdmin.clientProperties(live.bootstrapServers(), live.kafkaProperties());
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(live.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(live.bootstrapServers())
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                // stable per job and sink: a restarted job finds and finishes its own transactions
                .setTransactionalIdPrefix(job.transactionalIdPrefix() + "-" + name)
                .build();
    }

    /** Per-partition watermarks of an input topic, from its records' event times. */
    public static WatermarkStrategy<String> watermarks(LiveConfig live, InputDecoder<?> decoder,
                                                        LiveWatermarks.Clock clock) {
        // a record that cannot be read (it will be rejected) has no event time and moves no watermark, so junk
        // cannot make the valid records after it late
        SerializableTimestampAssigner<String> eventTime = (raw, kafkaTimestamp) -> decoder.eventTimeOr(raw, Long.MIN_VALUE);
        Duration bound = live.maxOutOfOrderness();
        Duration idle = live.idleTimeout();
        Duration lag = live.clockLag();
        return WatermarkStrategy.<String>forGenerator(ctx -> new LiveWatermarks<>(bound, idle, lag, clock,
                        ctx.getInputActivityClock()))
                .withTimestampAssigner(eventTime);
    }

}
