package dev.ripple.cli.wiring;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cli.parts.Parts;
import dev.ripple.runtime.server.Readiness;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One region's cache purger as a part; Redis targets that name no Redis use the context's. */
public final class PurgerPart implements Part {
    private final CachePurger purger;
    private final PurgerConfig config;

    private PurgerPart(CachePurger purger, PurgerConfig config) {
        this.purger = purger;
        this.config = config;
    }

    /**
     * The purger's settings: the defaults for {@code region} on the context's servers, topics and Redis, changed
     * by {@code settings}, with the context's Kafka properties over any that {@code settings} gave.
     *
     * @throws IllegalArgumentException from a {@code with…} method given an invalid value
     */
    public static PurgerConfig config(PartContext context, String region, UnaryOperator<PurgerConfig> settings) {
        PurgerConfig config = settings.apply(PurgerConfig.defaults(region, context.kafka().bootstrapServers())
                .withTopics(context.topics())
                .withDefaultRedisUri(context.redis() == null ? null : URI.create(context.redis())));
        Map<String, Object> overrides = new HashMap<>(config.kafkaOverrides());
        overrides.putAll(context.kafka().properties());
        return config.withKafkaOverrides(overrides);
    }

    /**
     * Creates the purger, binds its meters and starts it.
     *
     * @throws dev.ripple.cachepurger.PurgerException if a target cannot be built or Kafka cannot be reached;
     *     nothing is left running
     */
    public static PurgerPart start(PartContext context, String region, UnaryOperator<PurgerConfig> settings) {
        PurgerConfig config = config(context, region, settings);
        CachePurger purger = CachePurger.create(config, context.requireConfig("purger"), context.clock());
        try {
            context.metrics().bind(purger.metrics());
            purger.start();
        } catch (RuntimeException e) {
            purger.close();
            throw e;
        }
        return new PurgerPart(purger, config);
    }

    public CachePurger purger() {
        return purger;
    }

    @Override
    public List<Readiness.Part> readiness() {
        return List.of(Parts.purger(purger));
    }

    @Override
    public String summary() {
        return "region " + purger.region() + " from " + config.topics().purge(purger.region()) + ", targets "
                + purger.breakers().keySet();
    }

    @Override
    public void close() {
        purger.close();
    }

    @Override
    public String toString() {
        return "purger " + purger.region();
    }
}
