package dev.ripple.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one Ripple part reaches Kafka: the brokers, any further client properties (TLS, SASL, timeouts, quotas), and
 * the part's client id. Every client the part creates through {@link KafkaClients} gets all of these. Immutable.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}; not blank
 * @param properties any client properties, passed through to every client (a property that Kafka documents for
 *     another kind of client only is left out of the clients it does not apply to); a {@code bootstrap.servers}
 *     here is ignored in favour of {@code bootstrapServers}; a {@code client.id} here replaces {@code clientId}
 * @param clientId the base of every client's {@code client.id}, e.g. {@code ripple-replica-eqiad}
 *     ({@link ConsumerGroups} names it)
 */
public record KafkaSettings(String bootstrapServers, Map<String, Object> properties, String clientId) {
    /** The client id of settings that no part has named yet. */
    public static final String UNNAMED = "ripple";
    private static final Pattern CLIENT_ID = Pattern.compile("\\S{1,255}");

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(clientId, "clientId");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Invalid value '' for configuration bootstrap.servers: "
                    + "name at least one broker");
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("Invalid value '" + clientId + "' for configuration client.id: "
                    + "use 1 to 255 characters, no spaces");
        }
        Map<String, Object> copy = new HashMap<>();
        properties.forEach((key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("Invalid value null for configuration " + key
                        + ": leave the property out instead");
            }
            copy.put(key, value);
        });
        copy.remove("bootstrap.servers");
        properties = Map.copyOf(copy);
    }

    /**
     * An operator's connection before any part is named: the brokers and no further properties, client id
     * {@value #UNNAMED} until a part gives its own ({@link #withClientId}).
     */
    public static KafkaSettings of(String bootstrapServers) {
        return of(bootstrapServers, Map.of(), UNNAMED);
    }

    /** Settings with {@code properties} of any value type (services keep theirs as strings or objects). */
    public static KafkaSettings of(String bootstrapServers, Map<String, ?> properties, String clientId) {
        return new KafkaSettings(bootstrapServers, new HashMap<>(properties), clientId);
    }

    /** Settings from one property map that holds {@code bootstrap.servers} too. */
    public static KafkaSettings fromProperties(Map<String, ?> properties, String clientId) {
        Object bootstrap = properties.get("bootstrap.servers");
        if (bootstrap == null) {
            throw new IllegalArgumentException("Missing configuration bootstrap.servers: name at least one broker");
        }
        return of(bootstrap.toString(), properties, clientId);
    }

    /** The same brokers and properties for another part. */
    public KafkaSettings withClientId(String id) {
        return new KafkaSettings(bootstrapServers, properties, id);
    }

    /** These settings with {@code defaults} added where the properties do not set the same key. */
    public KafkaSettings withDefaults(Map<String, ?> defaults) {
        Map<String, Object> merged = new HashMap<>(defaults);
        merged.putAll(properties);
        return new KafkaSettings(bootstrapServers, merged, clientId);
    }

    /** The properties as text, for the service configs that keep their Kafka overrides as strings. */
    public Map<String, String> stringProperties() {
        Map<String, String> strings = new HashMap<>();
        properties.forEach((key, value) -> strings.put(key, value.toString()));
        return Map.copyOf(strings);
    }

    /** Every client property, {@code bootstrap.servers} included. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("bootstrap.servers", bootstrapServers);
        return Map.copyOf(all);
    }

    /** The {@code client.id} every client of these settings starts with. */
    public String baseClientId() {
        Object operators = properties.get("client.id");
        return operators != null ? operators.toString() : clientId;
    }
}
