package dev.ripple.bench.idle;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EmbeddedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline process of {@code ripple bench idle}: what an idle {@code ripple up} cannot avoid, started the way
 * {@code up} starts it and nothing else — the in-process KRaft broker ({@link EmbeddedKafka#start()}) and the
 * bundled redis-server ({@link EmbeddedRedis#start()}) in a JVM of its own. Once both answer it writes their
 * addresses to the file named by its one argument, then idles until SIGTERM, which stops both.
 */
public final class IdleBaseline {
    private IdleBaseline() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: IdleBaseline READY_FILE");
        }
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedRedis redis = EmbeddedRedis.start().leaveStopToOwner();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.close();
            kafka.close();
            stopped.countDown();
        }, "idle-baseline-stop"));
        Files.writeString(Path.of(args[0]), kafka.bootstrapServers() + " " + redis.uri() + "\n");
        stopped.await();
    }
}
