package dev.ripple.cli.config;

import dev.ripple.config.CheckReport;
import dev.ripple.config.ConfigProblem;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code ripple config check}. */
@Command(name = "check", description = {"Validate every document; list the invalid ones (with the last good "
        + "version kept in force, when asking a running ripple up) and references to missing streams or regions. "
        + "Exits 1 if there is anything to report."})
final class ConfigCheckCommand extends ConfigSubcommand {
    @Override
    int run(ConfigClient client, PrintWriter out) {
        CheckReport report = client.check();
        if (report.ok()) {
            out.printf("ok: %d documents valid at revision %d (%s)%n", report.documents(), report.revision(),
                    client.describe());
            return 0;
        }
        if (!report.invalid().isEmpty()) {
            out.println("invalid documents (ignored; a last good version stays in force where there is one):");
            report.invalid().forEach(problem -> out.println("  " + problem.describe()));
        }
        if (!report.dangling().isEmpty()) {
            out.println("references to missing streams or regions (in force; they match nothing):");
            report.dangling().stream().map(ConfigProblem::describe).forEach(line -> out.println("  " + line));
        }
        out.printf("%d invalid, %d dangling, %d documents valid at revision %d (%s)%n", report.invalid().size(),
                report.dangling().size(), report.documents(), report.revision(), client.describe());
        return 1;
    }
}
