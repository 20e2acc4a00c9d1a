/**
 * Kafka for every Ripple part, written once: {@link dev.ripple.runtime.kafka.KafkaClients} builds producers,
 * consumers, admins and Streams properties from one {@link dev.ripple.runtime.kafka.KafkaSettings} (any client
 * property passes through, so TLS and SASL work everywhere); {@link dev.ripple.runtime.kafka.RippleTopics} specifies
 * every Ripple topic (DESIGN.md section 4) and {@link dev.ripple.runtime.kafka.TopicProvisioner} creates what is
 * missing and verifies the rest; {@link dev.ripple.runtime.kafka.ConsumerGroups} names groups and client ids, and
 * {@link dev.ripple.runtime.kafka.GroupOffsets} carries a renamed group's offsets over.
 */
package dev.ripple.runtime.kafka;
