package healthcode.jobs.kafka;

import healthcode.jobs.config.LiveConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells the {@link ReplayClock} how far the jobs have read the replayed topics: polls the offsets each
 * job's consumer group commits at its checkpoints and passes on, per partition, the least offset of the
 * groups that read its topic. A partition a reading group has not committed counts as unread.
 */
public final class CommittedReads implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final Admin admin;
    private final Map<String, List<String>> topicsByGroup;
    /** How many groups read each topic. */
    private final Map<String, Integer> readers = new HashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    /** @param topicsByGroup the input topics of each job's consumer group */
    public CommittedReads(LiveConfig live, Map<String, List<String>> topicsByGroup) {
        this.admin = Admin.create(TopicAdmin.clientProperties(live.bootstrapServers(), live.kafkaProperties()));
        this.topicsByGroup = Map.copyOf(topicsByGroup);
        topicsByGroup.values().forEach(topics -> topics.forEach(t -> readers.merge(t, 1, Integer::sum)));
        this.poller = new Thread(this::poll, "replay-committed-reads");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (!closed) {
            try {
                ReplayClock.read(leastCommitted());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closed) {
                    System.err.println("replay: could not read the jobs' committed offsets: " + e);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Map<TopicPartition, Long> leastCommitted() throws Exception {
        Map<TopicPartition, Long> least = new HashMap<>();
        Map<TopicPartition, Integer> groups = new HashMap<>();
        for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            committed.forEach((partition, offset) -> {
                if (offset != null && group.getValue().contains(partition.topic())) {
                    least.merge(partition, offset.offset(), Math::min);
                    groups.merge(partition, 1, Integer::sum);
                }
            });
        }
        least.keySet().removeIf(p -> groups.get(p) < readers.get(p.topic()));
        return least;
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close();
    }
}
