package healthcode.jobs.kafka;

import healthcode.jobs.config.ConfigException;
import healthcode.jobs.config.LiveConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Topics of the live pipeline, and what the jobs check on the broker before they start. */
public final class TopicAdmin implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final LiveConfig live;

    public TopicAdmin(LiveConfig live) {
        this.live = live;
        this.admin = Admin.create(clientProperties(live.bootstrapServers(), live.kafkaProperties()));
    }

    /** Whether a broker answers at this address. */
    static boolean ready(String bootstrapServers) {
        try (Admin admin = Admin.create(clientProperties(bootstrapServers, Map.of()))) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Creates every topic that is missing and sets the retention and clean-up policy of every topic; running
     * it again changes nothing. Returns one line per topic saying what was done.
     */
    public List<String> createTopics() throws InterruptedException {
        Set<String> existing = get(admin.listTopics().names());
        List<String> report = new ArrayList<>();
        List<NewTopic> missing = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
        for (String name : LiveConfig.TOPICS) {
            String topic = live.topic(name);
            Map<String, String> configs = topicConfigs(name);
            if (existing.contains(topic)) {
                alter.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), configs.entrySet().stream()
                        .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                        .toList());
                report.add("exists   " + topic + " " + configs);
            } else {
                missing.add(new NewTopic(topic, live.partitions(), live.replicationFactor()).configs(configs));
                report.add("created  " + topic + " (" + live.partitions() + " partitions) " + configs);
            }
        }
        get(admin.createTopics(missing).all());
        get(admin.incrementalAlterConfigs(alter).all());
        return report;
    }

    private Map<String, String> topicConfigs(String name) {
        if (name.equals(LiveConfig.CURRENT)) {
            // the latest state per person is kept for good: downstream services rebuild from it
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(live.retention().toMillis()));
    }

    /** The partition count of a topic; a missing topic stops start-up with a clear message. */
    public int partitions(String topic) throws InterruptedException {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ConfigException("topic " + topic + " is missing or unreadable at " + live.bootstrapServers()
                    + " (create the topics with `healthcode topics --config FILE`): " + rootMessage(e));
        }
        return described.get(topic).partitions().size();
    }

    /** The value of one of a topic's configs. */
    public String config(String topic, String name) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return get(admin.describeConfigs(List.of(resource)).all()).get(resource).get(name).value();
    }

    /** The broker's {@code transaction.max.timeout.ms}: a producer asking for more is refused. */
    public long maxTransactionTimeoutMs() throws InterruptedException {
        String broker = get(admin.describeCluster().nodes()).iterator().next().idString();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
        ConfigEntry entry = get(admin.describeConfigs(List.of(resource)).all()).get(resource)
                .get("transaction.max.timeout.ms");
        return Long.parseLong(entry.value());
    }

    @Override
    public void close() {
        admin.close();
    }

    public static Properties clientProperties(String bootstrapServers, Map<String, String> extra) {
        Properties properties = new Properties();
        properties.putAll(extra);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ConfigException("Kafka at " + live.bootstrapServers() + " did not answer: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
