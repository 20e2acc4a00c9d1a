package dev.ripple.ops.config;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.ops.cli.CliException;
import dev.ripple.ops.up.UpEndpoints;
import dev.ripple.ops.up.UpFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which config store a {@code ripple config} command talks to: etcd, or a running {@code ripple up}. */
public final class TargetOptions {
    @Option(names = "--etcd", paramLabel = "URLS", defaultValue = "${env:RIPPLE_ETCD}",
            description = "etcd endpoints, comma-separated (env RIPPLE_ETCD). Default: the running 'ripple up'.")
    String etcd;

    @Option(names = "--user", defaultValue = "${env:RIPPLE_ETCD_USER}",
            description = "etcd user (env RIPPLE_ETCD_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${env:RIPPLE_ETCD_PASSWORD}",
            description = "etcd password (env RIPPLE_ETCD_PASSWORD; prefer it: arguments show in ps).")
    String password;

    @Option(names = "--cacert", paramLabel = "FILE", description = "PEM CA certificate for https:// endpoints.")
    Path caCert;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate for mutual TLS.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM PKCS#8 key of --cert.")
    Path key;

    @Option(names = "--namespace", defaultValue = "${env:RIPPLE_ETCD_NAMESPACE}",
            description = "Key prefix of this deployment in a shared etcd (env RIPPLE_ETCD_NAMESPACE).")
    String namespace;

    @Option(names = "--up", paramLabel = "URL", description = "A ripple up's HTTP base URL, when not the one "
            + "found in .ripple/up.json.")
    String up;

    /** @throws CliException with the fix when no target is given or found, or an option is invalid */
    ConfigClient connect() {
        if (etcd != null && !etcd.isBlank()) {
            EtcdOptions options = etcdOptions();
            return new StoreConfigClient(ConfigStore.etcd(options), null, Clock.systemUTC(),
                    "etcd at " + options.endpoints(), true);
        }
        if (up != null && !up.isBlank()) {
            return new HttpConfigClient(up);
        }
        UpFile upFile = UpFile.locate();
        Optional<UpEndpoints> running = upFile.running();
        if (running.isPresent()) {
            return new HttpConfigClient(running.get().http());
        }
        throw new CliException("No config store to talk to: pass --etcd http://HOST:2379 (or set RIPPLE_ETCD), "
                + "or start 'ripple up' in this directory (no running one is recorded in " + upFile.path() + ").");
    }

    /**
     * The etcd connection these options name, for commands that need etcd (not a {@code ripple up}).
     *
     * @throws CliException when {@code --etcd} is missing or an option is invalid
     */
    public EtcdOptions etcdOptions() {
        if (etcd == null || etcd.isBlank()) {
            throw new CliException("No config store: pass --etcd http://HOST:2379 (or set RIPPLE_ETCD).");
        }
        try {
            return EtcdOptions.builder().endpoints(etcd).auth(blankToNull(user), blankToNull(password))
                    .tls(caCert, cert, key).namespace(blankToNull(namespace))
                    .requestTimeout(Duration.ofSeconds(5)).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
