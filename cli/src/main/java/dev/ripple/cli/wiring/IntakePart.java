package dev.ripple.cli.wiring;

import dev.ripple.cli.parts.Parts;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.runtime.server.Readiness;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The intake ({@code POST /v1/events}) as a part: publishes with the context's Kafka settings, epoch and tokens. */
public final class IntakePart implements Part {
    private final Intake intake;

    private IntakePart(Intake intake) {
        this.intake = intake;
    }

    /**
     * The publisher's settings in {@code context}: 1 MiB events, 32 MiB of buffer, 5 s to block, 30 s to deliver. The
     * intake lowers the block to its publish timeout where that is shorter, and answers 503 at that timeout while
     * Kafka keeps trying to deliver (a retry with the same {@code meta.id} then waits for that delivery).
     */
    public static PublisherConfig publisher(PartContext context) {
        return new PublisherConfig(context.kafka().bootstrapServers(), context.topics(),
                context.requireTokens("intake"), context.epoch(), PublisherConfig.DEFAULT_MAX_EVENT_BYTES, 32L << 20,
                Duration.ofSeconds(5), Duration.ofSeconds(30), context.kafka().stringProperties());
    }

    /**
     * Starts the intake, throttling writes where the context enforces conits, and binds its meters.
     *
     * @throws IllegalStateException if the context has no config or no session tokens
     */
    public static IntakePart start(PartContext context, IntakeConfig config) {
        Intake intake = Intake.start(config, publisher(context), context.requireConfig("intake"),
                context.writeThrottle(), context.clock());
        context.metrics().bind(intake.metrics());
        return new IntakePart(intake);
    }

    public Intake intake() {
        return intake;
    }

    @Override
    public List<Readiness.Part> readiness() {
        return List.of(Parts.intake(intake));
    }

    @Override
    public List<Consumer<JavalinConfig>> routes() {
        return List.of(intake.routes());
    }

    @Override
    public String summary() {
        return "intake";
    }

    @Override
    public void close() {
        intake.close();
    }

    @Override
    public String toString() {
        return summary();
    }
}
