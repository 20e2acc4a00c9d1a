package dev.ripple.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines of README's "Production deployment" block, as an operator copies them: the {@code export}ed
 * environment, then one {@code ripple …} line per part, each with the variables set on its own line.
 */
public record ProductionCommands(Map<String, String> exported, List<Line> lines) {
    /** The checkout's README. */
    public static final Path README = Path.of("..", "README.md");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z_]+)=(\\S+)\\s+");
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");

    /**
     * One part's line.
     *
     * @param env variables set on the line itself, e.g. the replica's {@code RIPPLE_REDIS}
     * @param args what follows {@code ripple}
     * @param text the line as written, comment removed
     */
    public record Line(Map<String, String> env, List<String> args, String text) {
        /** The part, as its default-port table and the manifests name it: {@code producer}, {@code conits}, … */
        public String part() {
            return args.get(0);
        }

        /** The value of {@code option}, or null. */
        public String option(String option) {
            int at = args.indexOf(option);
            return at < 0 || at + 1 >= args.size() ? null : args.get(at + 1);
        }
    }

    /** Reads the first {@code sh} block of README's "## Production deployment". */
    public static ProductionCommands read() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Production deployment");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        Map<String, String> exported = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        for (String raw : block.split("\n")) {
            String line = raw.startsWith("export ") ? raw : COMMENT.matcher(raw).replaceFirst("").strip();
            if (line.startsWith("export ")) {
                for (String assignment : line.substring("export ".length()).split("\\s+#")[0].trim()
                        .split(" (?=[A-Z_]+=)")) {
                    int eq = assignment.indexOf('=');
                    exported.put(assignment.substring(0, eq), assignment.substring(eq + 1).trim());
                }
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            Matcher m = ASSIGNMENT.matcher(line);
            int at = 0;
            while (m.find(at) && m.start() == at) {
                env.put(m.group(1), m.group(2));
                at = m.end();
            }
            String command = line.substring(at);
            if (command.startsWith("ripple ")) {
                lines.add(new Line(env, List.copyOf(Arrays.asList(command.substring("ripple ".length())
                        .split("\\s+"))), line));
            }
        }
        return new ProductionCommands(exported, List.copyOf(lines));
    }

    /** Every line's arguments. */
    public List<List<String>> args() {
        return lines.stream().map(Line::args).toList();
    }
}
