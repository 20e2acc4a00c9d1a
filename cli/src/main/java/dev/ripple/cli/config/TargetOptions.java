package dev.ripple.cli.config;

import dev.ripple.cli.CliException;
import dev.ripple.cli.EtcdConnection;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.runtime.server.AdminToken;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which config store a {@code ripple config} command talks to: etcd ({@link EtcdConnection}), or else a running
 * {@code ripple up}.
 */
final class TargetOptions {
    @Mixin
    EtcdConnection etcd;

    @Option(names = "--up", paramLabel = "URL", description = "A ripple up's HTTP base URL, when not the one "
            + "found in .ripple/up.json.")
    String up;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:" + AdminToken.ENV + "}",
            description = "The ripple up's admin token (env " + AdminToken.ENV + "): needed for writes when it has "
                    + "one, and to read producers' token hashes.")
    String adminToken;

    /** @throws CliException with the fix when no target is given or found, or an option is invalid */
    ConfigClient connect() {
        if (etcd.isSet()) {
            EtcdOptions options = etcd.options();
            return new StoreConfigClient(ConfigStore.etcd(options), null, Clock.systemUTC(),
                    "etcd at " + options.endpoints(), true);
        }
        if (up != null && !up.isBlank()) {
            return new HttpConfigClient(up, adminToken);
        }
        UpFile upFile = UpFile.locate();
        Optional<UpEndpoints> running = upFile.running();
        if (running.isPresent()) {
            return new HttpConfigClient(running.get().http(), adminToken);
        }
        throw new CliException("No config store to talk to: pass --etcd http://HOST:2379 (or set RIPPLE_ETCD), "
                + "or start 'ripple up' in this directory (no running one is recorded in " + upFile.path() + ").");
    }
}
