package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EtcdOptionsTest {

    @Test
    void shouldParseCommaSeparatedEndpointsWithDefaults() {
        EtcdOptions options = EtcdOptions.of("http://10.0.0.1:2379, http://10.0.0.2:2379");

        assertThat(options.endpoints()).containsExactly(URI.create("http://10.0.0.1:2379"),
                URI.create("http://10.0.0.2:2379"));
        assertThat(options.maxTxnAttempts()).isEqualTo(100);
        assertThat(options.tls()).isFalse();
    }

    @Test
    void shouldNameTheInvalidValueAndTheFix() {
        assertThatThrownBy(() -> EtcdOptions.of("etcd:2379")).hasMessageContaining("Invalid value etcd:2379")
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> EtcdOptions.of("https://etcd:2379")).hasMessageContaining("needs the CA");
        assertThatThrownBy(() -> EtcdOptions.builder().endpoints("http://e:2379").auth("root", null).build())
                .hasMessageContaining("both user and password");
        assertThatThrownBy(() -> EtcdOptions.builder().endpoints("http://e:2379").namespace("/a/").build())
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> EtcdOptions.builder().endpoints("http://e:2379").maxTxnAttempts(0).build())
                .hasMessageContaining("Invalid value 0 for maxTxnAttempts");
    }

    @Test
    void shouldNeverPrintThePassword() {
        EtcdOptions options = EtcdOptions.builder().endpoints("https://e:2379").auth("ripple", "hunter2")
                .tls(Path.of("/etc/ca.pem"), null, null).build();

        assertThat(options.toString()).doesNotContain("hunter2").contains("password=****");
        assertThat(options.mutate().namespace("/prod").build().password()).isEqualTo("hunter2");
    }
}
