package dev.ripple.config.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ripple.config.ConfigException;
import dev.ripple.config.EtcdOptions;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Builds a jetcd {@link Client} from {@link EtcdOptions}. */
final class EtcdClients {
    private EtcdClients() {}

    static Client build(EtcdOptions options) {
        ClientBuilder builder = Client.builder()
                .endpoints(options.endpoints())
                .connectTimeout(Duration.ofSeconds(5))
                // keep retrying a lost connection quickly: an etcd restart should cost watches seconds, not minutes
                .retryDelay(100)
                .retryMaxDelay(2_000);
        if (options.user() != null) {
            builder.user(ByteSequence.from(options.user(), UTF_8))
                    .password(ByteSequence.from(options.password(), UTF_8));
        }
        if (options.namespace() != null) {
            builder.namespace(ByteSequence.from(options.namespace(), UTF_8));
        }
        if (options.tls()) {
            try {
                builder.sslContext(ssl -> {
                    ssl.trustManager(options.caCert().toFile());
                    if (options.clientCert() != null) {
                        ssl.keyManager(options.clientCert().toFile(), options.clientKey().toFile());
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new ConfigException("Could not set up TLS to etcd with CA " + options.caCert() + " and client "
                        + "certificate " + options.clientCert() + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
