package healthcode.jobs.live;

import healthcode.common.codec.OutputEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How link records travel: JSON values, the kind in a header, detections keyed by phone, markers to a
 * partition; message timestamps are the time of writing (see {@link healthcode.jobs.kafka.JsonRecords}).
 */
public final class LinkSerialization {
    static final String KIND_HEADER = "healthcode.kind";

    private LinkSerialization() {}

    public static final class Writer implements KafkaRecordSerializationSchema<LinkRecord> {
        private final String topic;
        private final OutputEncoder encoder;

        public Writer(String topic, ZoneId zone) {
            this.topic = topic;
            this.encoder = new OutputEncoder(zone);
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(LinkRecord r, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(KIND_HEADER, r.kind.name().getBytes(StandardCharsets.UTF_8));
            if (r.kind == LinkRecord.Kind.PROGRESS) {
                return new ProducerRecord<>(topic, r.partition, null, null, bytes(r.progressJson()), headers);
            }
            String json = r.kind == LinkRecord.Kind.COMPANION ? encoder.companion(r.detection.companion)
                    : encoder.areaExposure(r.detection.areaExposure);
            return new ProducerRecord<>(topic, null, null, bytes(r.detection.msisdn), bytes(json), headers);
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Never fails: a message without a known kind is passed on with none, to be rejected. */
    public static final class Reader implements KafkaRecordDeserializationSchema<LinkRecord> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LinkRecord> out) {
            Header header = record.headers().lastHeader(KIND_HEADER);
            LinkRecord.Kind kind = null;
            if (header != null && header.value() != null) {
                String name = new String(header.value(), StandardCharsets.UTF_8);
                for (LinkRecord.Kind k : LinkRecord.Kind.values()) {
                    kind = k.name().equals(name) ? k : kind;
                }
            }
            out.collect(LinkRecord.read(kind, record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8)));
        }

        @Override
        public TypeInformation<LinkRecord> getProducedType() {
            return TypeInformation.of(LinkRecord.class);
        }
    }
}
