package dev.ripple.cli;

import picocli.CommandLine.Mixin;

/**
 * The option set of every command that runs a Ripple part (a picocli mixin): Kafka, etcd, and where and how it
 * serves HTTP. Parts that write to Redis add {@link RedisConnection}.
 */
public final class PartOptions {
    @Mixin
    KafkaConnection kafka;

    @Mixin
    EtcdConnection etcd;

    @Mixin
    HttpServerFlags http;

    public KafkaConnection kafka() {
        return kafka;
    }

    public EtcdConnection etcd() {
        return etcd;
    }

    public HttpServerFlags http() {
        return http;
    }
}
