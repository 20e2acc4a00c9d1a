package dev.ripple.propagator;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.events.TopicNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A propagator alone in a JVM, for the test that kills it with SIGKILL. Arguments: bootstrap servers, topic
 * prefix, application id, state directory. It runs {@link ExactlyOnceFixture#config()} until killed.
 */
public final class PropagatorProcess {
    private PropagatorProcess() {}

    public static void main(String[] args) throws InterruptedException {
        ConfigStore store = ItSupport.store(ExactlyOnceFixture.config());
        ConfigView view = ConfigView.open(store, Clock.systemUTC());
        Propagator propagator = Propagator.create(config(args[0], new TopicNames(args[1]), args[2], Path.of(args[3])),
                view, Clock.systemUTC());
        propagator.start();
        new CountDownLatch(1).await(); // until SIGKILL
    }

    /**
     * The config every instance uses: the defaults (so a 6 s session, and a standby of each task), with frequent
     * watermarks.
     */
    static PropagatorConfig config(String bootstrap, TopicNames topics, String applicationId, Path stateDir) {
        return PropagatorConfig.defaults(bootstrap).withTopics(topics).withApplicationId(applicationId)
                .withStateDir(stateDir).withWatermarkInterval(Duration.ofMillis(20));
    }

    /** Starts {@link #main} in a new JVM on this JVM's classpath, its output going to {@code log}. */
    static Process launch(String bootstrap, TopicNames topics, String applicationId, Path stateDir, Path log)
            throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of(PropagatorProcess.class.getName(), bootstrap, topics.prefix(), applicationId,
                stateDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
