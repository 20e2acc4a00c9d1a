package dev.ripple.ops.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.ops.PartProcess;
import dev.ripple.ops.StandaloneServices;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code --kafka-property} reaches the Kafka clients of a part run alone: SASL asked of a PLAINTEXT broker
 * keeps {@code ripple purger} from starting, with an error that says why (the same purger without it is ready:
 * {@code PartReadinessIT}).
 */
@ExtendWith(RedisExtension.class)
class KafkaPropertyReachesClientsIT {
    private static final Pattern OUTCOME = Pattern.compile("(could not start: .*|/readyz at .*)");
    private static StandaloneServices services;

    @BeforeAll
    static void start() {
        services = StandaloneServices.start(store -> { });
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void shouldRefuseToStartAPurgerWhoseKafkaClientsAreToldToUseSaslOnAPlaintextBroker(RedisProcess redis)
            throws Exception {
        // given a purger told, on its command line only, to authenticate with SASL/PLAIN
        try (PartProcess purger = PartProcess.start("purger", "--region", "eqiad", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--redis", redis.uri(), "--port", "0",
                "--kafka-property", "security.protocol=SASL_PLAINTEXT", "--kafka-property", "sasl.mechanism=PLAIN")) {
            // when it starts against the PLAINTEXT broker
            String outcome = purger.await(OUTCOME, Duration.ofSeconds(90));

            // then it does not start, and says that the SASL login is what is missing
            assertThat(outcome).as(purger.output()).startsWith("could not start: ").contains("JAAS");
            assertThat(purger.output()).contains("ripple: ripple purger could not start")
                    .doesNotContain("/readyz at");
        }
    }
}
