package dev.ripple.replica.archfixture;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Breaks the runtime-HTTP rule on purpose (a service's own HTTP client), so ArchitectureTest can show the rule
 *  catches it. In a service package, in ops's tests only. */
public final class OwnHttpSender {
    private OwnHttpSender() {}

    static int send(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
