package dev.ripple.embedded.junit;

import dev.ripple.embedded.EtcdProcess;

/** Gives a test parameter of type {@link EtcdProcess}: an etcd process shared by every test in this JVM. */
public final class EtcdExtension extends SharedServiceExtension<EtcdProcess> {
    public EtcdExtension() {
        super(EtcdProcess.class, EtcdProcess::start);
    }
}
