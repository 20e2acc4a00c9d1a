package dev.ripple.cli.config;

import dev.ripple.config.ConfigException;
import dev.ripple.config.InvalidConfigException;
import dev.ripple.config.InvalidDocumentException;
import dev.ripple.config.KeyExistsException;
import dev.ripple.config.KeyVanishedException;
import dev.ripple.config.StoreUnavailableException;
import dev.ripple.config.TxnConflictException;
import dev.ripple.events.ProblemDetail;
import dev.ripple.runtime.server.Problems;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem answer of the config API, with its extension members; thrown by handlers. */
final class HttpProblem extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    HttpProblem(int status, String type, String title, String detail, String key) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        if (key != null) {
            extensions.put("key", key);
        }
    }

    HttpProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** The answer for an exception of the config module. */
    static HttpProblem of(ConfigException e) {
        if (e instanceof InvalidDocumentException invalid) {
            return new HttpProblem(422, "invalid-document", "Invalid Document", e.getMessage(), invalid.key())
                    .with("problems", ConfigWire.problems(invalid.problems()));
        }
        if (e instanceof InvalidConfigException invalid) {
            return new HttpProblem(422, "invalid-config", "Invalid Config", e.getMessage(), null)
                    .with("problems", ConfigWire.configProblems(invalid.problems()));
        }
        if (e instanceof KeyExistsException exists) {
            return new HttpProblem(409, "key-exists", "Conflict", e.getMessage(), exists.key());
        }
        if (e instanceof KeyVanishedException vanished) {
            return new HttpProblem(404, "key-not-found", "Not Found", e.getMessage(), vanished.key());
        }
        if (e instanceof TxnConflictException conflict) {
            return new HttpProblem(412, "conflict", "Precondition Failed", e.getMessage(),
                    conflict.contendedKeys().stream().findFirst().orElse(null));
        }
        if (e instanceof StoreUnavailableException) {
            return new HttpProblem(503, "store-unavailable", "Service Unavailable", e.getMessage(), null);
        }
        return new HttpProblem(400, "config-error", "Bad Request", e.getMessage(), null);
    }

    void write(Context ctx) {
        ProblemDetail problem = ProblemDetail.of(status, type, title, getMessage());
        for (Map.Entry<String, Object> member : extensions.entrySet()) {
            problem = problem.with(member.getKey(), member.getValue());
        }
        Problems.send(ctx, problem);
    }
}
