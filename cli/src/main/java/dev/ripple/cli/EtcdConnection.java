package dev.ripple.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The etcd options every command that talks to etcd shares (a picocli mixin): endpoints, auth, TLS and the
 * deployment's namespace, each with its environment variable ({@link EtcdFlags}), and the client key as
 * {@code --key} (or {@code --etcd-key}, the spelling of commands where {@code --key} names a resource key).
 */
public final class EtcdConnection extends EtcdFlags {
    @Option(names = {"--key", "--etcd-key"}, paramLabel = "FILE", description = "PEM PKCS#8 key of --cert.")
    Path key;

    @Override
    protected Path clientKey() {
        return key;
    }
}
