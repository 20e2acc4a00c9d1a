package dev.ripple.cli.config;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ripple config}: reads, writes, watches, imports and checks the config store. */
@Command(name = "config",
        description = {"Read, write, watch, import and check Ripple's config: etcd with --etcd (or RIPPLE_ETCD),",
                "else the 'ripple up' running in this directory. Keys: /ripple/{streams,rules,regions,conits,"
                        + "producers}/<name>, /ripple/purge-targets/<region>/<name>, /ripple/epoch."},
        subcommands = {ConfigListCommand.class, ConfigGetCommand.class, ConfigPutCommand.class,
                ConfigEditCommand.class, ConfigDeleteCommand.class, ConfigWatchCommand.class,
                ConfigImportCommand.class, ConfigCheckCommand.class, ConfigTokenCommand.class})
public final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
