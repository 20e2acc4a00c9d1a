package dev.ripple.cli;

import picocli.CommandLine.Option;

/** Where the operator commands find a {@code ripple ops} (or {@code ripple up}) server (a picocli mixin). */
public final class OpsConnection {
    /** The environment variable naming the ops server's base URL. */
    public static final String ENV = "RIPPLE_OPS_URL";

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:RIPPLE_OPS_URL}",
            description = "A 'ripple ops' or 'ripple up' base URL (env RIPPLE_OPS_URL; default: the running "
                    + "'ripple up').")
    String url;

    /** @throws CliException when neither --url, RIPPLE_OPS_URL nor a running {@code ripple up} names a server */
    public OpsClient client() {
        return OpsClient.connect(url);
    }
}
