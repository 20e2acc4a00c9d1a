package dev.ripple.bench.deps;

import dev.ripple.cli.up.ProcessUp;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The propagator of a {@link ProcessUp} stack with one instance of each part: its address, stopped and restarted. */
public final class StackPropagator {
    /** What the listing calls the one propagator. */
    public static final String NAME = "propagator";
    private final ProcessUp up;

    public StackPropagator(ProcessUp up) {
        this.up = up;
    }

    private ProcessUp.Row row() {
        return up.rows().stream().filter(r -> r.name().equals(NAME)).findFirst().orElseThrow(() ->
                new IllegalStateException("No part '" + NAME + "' in " + up.rows()));
    }

    /** Its base URL ({@code /metrics}, {@code /readyz}); the same after a restart. */
    public String address() {
        return row().address();
    }

    /**
     * Stops it, with SIGTERM (it commits and closes) or, when {@code kill}, SIGKILL as {@code kill -9}; then starts
     * it again with the same command line, state directory and log, and waits until it is ready.
     */
    public void restart(boolean kill) {
        ProcessHandle process = ProcessHandle.of(row().pid()).orElse(null);
        if (process != null) {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the propagator", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("The propagator (pid " + process.pid() + ") did not stop", e);
            }
        }
        up.restart(NAME);
    }
}
