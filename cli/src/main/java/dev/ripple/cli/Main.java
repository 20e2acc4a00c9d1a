package dev.ripple.cli;

import dev.ripple.runtime.CommonPool;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of the {@code ripple} command (the shaded jar's main class). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommonPool.ensureParallel();
        System.exit(run(RippleCommand.commandLine(), args));
    }

    /** Runs {@code commandLine} as the {@code ripple} process does and returns its exit code. */
    public static int run(CommandLine commandLine, String[] args) {
        // gRPC (etcd) and Jetty log through java.util.logging: route it to logback, so its levels apply.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return commandLine.execute(args);
    }
}
