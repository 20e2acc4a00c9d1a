/**
 * The services Ripple runs on, started inside or beside the JVM for {@code ripple up} and for tests:
 * an in-process KRaft broker ({@link dev.ripple.embedded.EmbeddedKafka}), {@code etcd} and {@code redis-server}
 * child processes ({@link dev.ripple.embedded.EtcdProcess}, {@link dev.ripple.embedded.RedisProcess}) and the
 * bundled Redis of embedded-redis ({@link dev.ripple.embedded.EmbeddedRedis}).
 *
 * <p>Each binds to 127.0.0.1 on ports it picks, owns a temporary data directory that it deletes on close, and
 * is {@link java.lang.AutoCloseable}. None of them is meant for production.
 */
package dev.ripple.embedded;
