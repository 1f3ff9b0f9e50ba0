package healthcode.jobs.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.codec.GeoJsonFeatures;
import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.InputDecoders;
import healthcode.jobs.config.LiveConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Streams a folder of input files (as a backfill reads them) into the input topics the way the bureau's
 * feeds would: all streams merged in event-time order, each record keyed by its phone or person so one
 * subject's records stay in order in one partition. A record whose time cannot be read goes where it stood.
 */
public final class ScenarioProducer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<InputDecoder<?>> DECODERS = List.of(new InputDecoders.Pings(),
            new InputDecoders.Subscribers(), new InputDecoders.Cases(), new InputDecoders.CaseStatuses(),
            new InputDecoders.NatResults(), new InputDecoders.Arrivals(), new InputDecoders.AdminActions(),
            new InputDecoders.RiskAreas(), new InputDecoders.Venues());

    /** One input record on its way: its topic, key, text and event time. */
    public record Message(String topic, String key, String raw, long eventTime) {}

    private ScenarioProducer() {}

    /** The folder's records in the order a live feed would bring them. */
    public static List<Message> messages(Path folder, LiveConfig live) throws IOException {
        return messages(folder, live, DECODERS);
    }

    private static List<Message> messages(Path folder, LiveConfig live, List<InputDecoder<?>> decoders) throws IOException {
        List<Message> messages = new ArrayList<>();
        for (InputDecoder<?> decoder : decoders) {
            Path file = folder.resolve(decoder.kind().fileName());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> records = GeoJsonFeatures.ofCollection(text).orElse(text.lines().toList());
            long previous = Long.MIN_VALUE;
            for (String raw : records) {
                if (raw.isBlank()) {
                    continue;
                }
                previous = decoder.eventTimeOr(raw, previous);
                messages.add(new Message(live.topic(decoder.kind().topic()), key(raw), raw, previous));
            }
        }
        messages.sort(Comparator.comparingLong(Message::eventTime)); // stable: a file's order within an instant
        return messages;
    }

    /**
     * The folder's records in event-time order, as {@link #messages}, without holding the pings: they are read
     * from their file as they stand, which must be in event-time order (the workload generator writes them so);
     * the other streams are small and sorted in memory. Returns the number of messages.
     */
    public static long stream(Path folder, LiveConfig live, Consumer<Message> to) throws IOException {
        InputDecoder<?> pings = DECODERS.get(0);
        List<Message> others = messages(folder, live, DECODERS.subList(1, DECODERS.size()));
        String topic = live.topic(pings.kind().topic());
        long count = 0;
        int next = 0;
        long previous = Long.MIN_VALUE;
        try (java.io.BufferedReader lines = Files.newBufferedReader(folder.resolve(pings.kind().fileName()),
                StandardCharsets.UTF_8)) {
            for (String raw = lines.readLine(); raw != null; raw = lines.readLine()) {
                if (raw.isBlank()) {
                    continue;
                }
                long time = pings.eventTimeOr(raw, previous);
                if (time < previous) {
                    throw new IllegalArgumentException(folder.resolve(pings.kind().fileName())
                            + " is not in event-time order at message " + (count + 1));
                }
                previous = time;
                for (; next < others.size() && others.get(next).eventTime() <= time; next++, count++) {
                    to.accept(others.get(next));
                }
                to.accept(new Message(topic, key(raw), raw, time));
                count++;
            }
        }
        for (; next < others.size(); next++, count++) {
            to.accept(others.get(next));
        }
        return count;
    }

    /** Sends the messages, calling {@code progress} after each with the number sent so far. */
    public static void send(List<Message> messages, LiveConfig live, Consumer<Integer> progress) {
        try (Sender sender = new Sender(live)) {
            int sent = 0;
            for (Message m : messages) {
                sender.send(m);
                progress.accept(++sent);
            }
        }
    }

    /** A producer of input messages, in order per partition; closing it waits until every message is written. */
    public static final class Sender implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final java.util.concurrent.atomic.AtomicReference<Exception> failed =
                new java.util.concurrent.atomic.AtomicReference<>();

        public Sender(LiveConfig live) {
            Properties properties = TopicAdmin.clientProperties(live.bootstrapServers(), live.kafkaProperties());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            // one request in flight keeps each partition in order without idempotence, whose sequence numbers a
            // freshly formatted local broker sometimes refuses (OutOfOrderSequenceException for producer 0)
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        }

        private final java.util.Set<String> known = new java.util.HashSet<>();

        /** Sends the message; the future tells where it was written. */
        public Future<RecordMetadata> send(Message m) {
            if (known.add(m.topic())) {
                producer.partitionsFor(m.topic()); // the topic's leaders before its first batch, not a stale view
            }
            // stamped now, as a feed would: topic retention must not see last year's times
            return producer.send(new ProducerRecord<>(m.topic(), null, null,
                    m.key() == null ? null : m.key().getBytes(StandardCharsets.UTF_8),
                    m.raw().getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                    });
        }

        /** Waits until every message sent so far is written. */
        public void flush() {
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
            if (failed.get() != null) {
                throw new IllegalStateException("could not send to Kafka: " + failed.get().getMessage(), failed.get());
            }
        }
    }


    /** The phone or person a record is about (a risk area or venue: its id), or null. */
    private static String key(String raw) {
        try {
            JsonNode json = JSON.readTree(raw);
            JsonNode holder = json.has("properties") ? json.get("properties") : json;
            for (String field : List.of("msisdn", "personId", "areaId", "venueId")) {
                JsonNode value = holder == null ? null : holder.get(field);
                if (value != null && value.isTextual()) {
                    return value.textValue();
                }
            }
        } catch (IOException | RuntimeException e) {
            // a record that is not JSON has no key; the jobs reject it
        }
        return null;
    }
}
