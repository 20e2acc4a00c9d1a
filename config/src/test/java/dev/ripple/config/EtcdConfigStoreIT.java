package dev.ripple.config;

import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on real etcd; each test works in a namespace of its own. */
@ExtendWith(EtcdExtension.class)
class EtcdConfigStoreIT extends ConfigStoreContract {
    private EtcdProcess etcd;

    @BeforeEach
    void useSharedEtcd(EtcdProcess etcd) {
        this.etcd = etcd;
    }

    @Override
    protected ConfigStore newStore(int maxTxnAttempts) {
        return ConfigStore.etcd(EtcdOptions.builder().endpoints(etcd.endpoint())
                .namespace("/it-" + UUID.randomUUID()).maxTxnAttempts(maxTxnAttempts).build());
    }
}
