/**
 * How upstream services publish edit events: the Java {@link dev.ripple.producer.Publisher} and the intake HTTP
 * API. Both write to {@code ripple.stream.<stream>} with the resource key as Kafka key, acks from all in-sync
 * replicas and idempotence, and hand back the write's dot and the session's new token.
 */
package dev.ripple.producer;
