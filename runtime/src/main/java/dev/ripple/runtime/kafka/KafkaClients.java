package dev.ripple.runtime.kafka;

import dev.ripple.runtime.kafka.internal.ClientProperties;
import dev.ripple.runtime.kafka.internal.ClientProperties.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Every Kafka client of every Ripple part is built here, from one {@link KafkaSettings}. Properties are merged in
 * one order, lowest first: the kind's defaults, the part's {@code own} settings, the operator's
 * {@link KafkaSettings#properties()} (so TLS, SASL and timeouts reach every client, and the operator may tune what a
 * part chose), then what the kind fixes (brokers, {@code client.id}, group, commit mode, idempotence). Each
 * {@code …Config} method returns the merged map the matching factory method uses.
 *
 * <p>{@code client.id} is {@link KafkaSettings#baseClientId()} followed by {@code -role} when a role is given, so
 * the clients of one part are told apart in broker logs and quotas.
 *
 * <p>A consumer with a group and the Streams application start from {@link GroupFailover}'s defaults (a 6 s session,
 * cooperative rebalancing), so a killed member's partitions move to a survivor within 10 s; the part's and the
 * operator's settings win over them. Stateless; thread-safe.
 */
public final class KafkaClients {
    private static final Map<String, Object> PRODUCER_DEFAULTS = Map.of("acks", "all");
    private static final Map<String, Object> CONSUMER_DEFAULTS = Map.of("auto.offset.reset", "earliest",
            "isolation.level", "read_committed", "allow.auto.create.topics", false);

    private KafkaClients() {}

    /** A producer with acknowledgements from every in-sync replica by default ({@code acks=all}). */
    public static <K, V> KafkaProducer<K, V> producer(KafkaSettings settings, String role, Map<String, ?> own,
            Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(producerConfig(settings, role, own), keys, values);
    }

    /** A producer that writes each record once per partition, in order: idempotent, {@code acks=all}. */
    public static <K, V> KafkaProducer<K, V> idempotentProducer(KafkaSettings settings, String role,
            Map<String, ?> own, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(idempotentProducerConfig(settings, role, own), keys, values);
    }

    /** An idempotent producer with {@code transactionalId}; the caller calls {@code initTransactions()}. */
    public static <K, V> KafkaProducer<K, V> transactionalProducer(KafkaSettings settings, String role,
            String transactionalId, Map<String, ?> own, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(transactionalProducerConfig(settings, role, transactionalId, own), keys, values);
    }

    /**
     * A consumer that commits only when asked ({@code enable.auto.commit=false}), reads committed records and
     * starts from the earliest offset unless told otherwise; with a group, it fails over fast
     * ({@link GroupFailover}). It does not have the broker create a topic it asks for
     * ({@code allow.auto.create.topics=false}, unless the operator's properties say otherwise): a topic is created
     * by the part that provisions it, with its spec. A broker would create it with its own partition count and
     * {@code cleanup.policy=delete}, which the provisioner refuses for a co-partitioned topic and keeps, uncompacted,
     * for the others. A subscription waits for a missing topic; a one-time read finds it missing.
     *
     * @param groupId its consumer group ({@link ConsumerGroups}); null for none (assigned partitions only)
     */
    public static <K, V> KafkaConsumer<K, V> consumer(KafkaSettings settings, String role, String groupId,
            Map<String, ?> own, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(consumerConfig(settings, role, groupId, own), keys, values);
    }

    /** An admin client; the caller closes it. */
    public static Admin admin(KafkaSettings settings) {
        return admin(settings, Map.of());
    }

    /** An admin client with the part's {@code own} settings (timeouts) under the operator's; the caller closes it. */
    public static Admin admin(KafkaSettings settings, Map<String, ?> own) {
        return Admin.create(adminConfig(settings, own));
    }

    /**
     * Kafka Streams properties: {@link GroupFailover#streamsDefaults()}, the part's {@code own} settings, the
     * operator's properties over them, then the brokers and {@code application.id}. {@code client.id} is left to
     * Streams (which makes one per instance from the application id) unless the operator gave one.
     */
    public static Properties streams(KafkaSettings settings, String applicationId, Map<String, ?> own) {
        Objects.requireNonNull(applicationId, "applicationId");
        Properties props = new Properties();
        props.putAll(ClientProperties.merge(Kind.STREAMS, settings, GroupFailover.streamsDefaults(), own,
                Map.of("application.id", applicationId)));
        return props;
    }

    public static Map<String, Object> producerConfig(KafkaSettings settings, String role, Map<String, ?> own) {
        return ClientProperties.merge(Kind.PRODUCER, settings, PRODUCER_DEFAULTS, own,
                Map.of("client.id", clientId(settings, role)));
    }

    public static Map<String, Object> idempotentProducerConfig(KafkaSettings settings, String role,
            Map<String, ?> own) {
        return ClientProperties.merge(Kind.PRODUCER, settings, PRODUCER_DEFAULTS, own, Map.of(
                "client.id", clientId(settings, role), "acks", "all", "enable.idempotence", true));
    }

    public static Map<String, Object> transactionalProducerConfig(KafkaSettings settings, String role,
            String transactionalId, Map<String, ?> own) {
        Objects.requireNonNull(transactionalId, "transactionalId");
        return ClientProperties.merge(Kind.PRODUCER, settings, PRODUCER_DEFAULTS, own, Map.of(
                "client.id", clientId(settings, role), "acks", "all", "enable.idempotence", true,
                "transactional.id", transactionalId));
    }

    public static Map<String, Object> consumerConfig(KafkaSettings settings, String role, String groupId,
            Map<String, ?> own) {
        Map<String, Object> fixed = new HashMap<>(Map.of("client.id", clientId(settings, role),
                "enable.auto.commit", false));
        Map<String, Object> defaults = new HashMap<>(CONSUMER_DEFAULTS);
        if (groupId != null) {
            Object protocol = settings.properties().getOrDefault("group.protocol", own.get("group.protocol"));
            defaults.putAll(GroupFailover.consumerDefaults(protocol));
        }
        Map<String, Object> props = ClientProperties.merge(Kind.CONSUMER, settings, defaults, own, fixed);
        if (groupId == null) {
            props.remove("group.id");
        } else {
            props.put("group.id", groupId);
        }
        return props;
    }

    public static Map<String, Object> adminConfig(KafkaSettings settings) {
        return adminConfig(settings, Map.of());
    }

    public static Map<String, Object> adminConfig(KafkaSettings settings, Map<String, ?> own) {
        return ClientProperties.merge(Kind.ADMIN, settings, Map.of(), own,
                Map.of("client.id", clientId(settings, "admin")));
    }

    private static String clientId(KafkaSettings settings, String role) {
        return role == null || role.isEmpty() ? settings.baseClientId() : settings.baseClientId() + "-" + role;
    }
}
