package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.RippleCommand;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ripple read} against a stand-in read API on a local port. */
class ReadCommandTest {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private Javalin api;

    @BeforeEach
    void start() {
        api = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/v1/regions/{region}/objects/<key>", ctx -> {
                asked.add(ctx.pathParam("region") + " " + ctx.pathParam("key") + " token="
                        + ctx.header("Ripple-Session-Token") + " violation=" + ctx.header("Ripple-On-Violation"));
                if (ctx.pathParam("region").equals("codfw")) {
                    ctx.status(409).header("Retry-After", "1").header("Ripple-Redirect-Region", "eqiad")
                            .contentType("application/problem+json").result("{\"type\":\"session-not-available\"}");
                } else {
                    ctx.header("ETag", "\"42/ripple.stream.edits:3@41\"").header("Ripple-Session-Token", "v1.new")
                            .header("Ripple-Served-By", "eqiad; waited=0").header("X-Other", "hidden")
                            .contentType("text/html").result("<p>hi</p>");
                }
            });
        }).start();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void shouldSendAKeyWithSpacesPlusesAndSlashesAsTheReadApiReadsIt() {
        int exit = run(new StringWriter(), "read", "eqiad", "enwiki:C++ and AC/DC é", "--url",
                "http://127.0.0.1:" + api.port());

        assertThat(exit).isZero();
        assertThat(asked).containsExactly("eqiad enwiki:C++ and AC/DC é token=null violation=null");
    }

    @Test
    void shouldPrintTheStatusRippleHeadersAndValueOfAServedRead() {
        StringWriter out = new StringWriter();

        int exit = run(out, "read", "eqiad", "enwiki:AC/DC", "--token", "v1.old", "--on-violation", "wait=500",
                "--url", "http://127.0.0.1:" + api.port());

        assertThat(exit).isZero();
        assertThat(asked).containsExactly("eqiad enwiki:AC/DC token=v1.old violation=wait=500");
        assertThat(out.toString()).contains("HTTP 200", "ETag: \"42/ripple.stream.edits:3@41\"",
                "Ripple-Served-By: eqiad; waited=0", "Ripple-Session-Token: v1.new", "<p>hi</p>")
                .doesNotContain("X-Other");
    }

    @Test
    void shouldExitNonZeroAndPrintTheProblemAndRedirectOfARefusedRead() {
        StringWriter out = new StringWriter();

        int exit = run(out, "read", "codfw", "k", "--url", "http://127.0.0.1:" + api.port() + "/");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("HTTP 409", "Ripple-Redirect-Region: eqiad", "Retry-After: 1",
                "session-not-available");
    }

    @Test
    void shouldSayWhatToDoWhenTheReadApiCannotBeReached() {
        StringWriter err = new StringWriter();
        CommandLine cli = RippleCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));

        int exit = cli.execute("read", "eqiad", "k", "--url", "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("ripple: Could not reach the read API at http://127.0.0.1:1");
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = RippleCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }
}
