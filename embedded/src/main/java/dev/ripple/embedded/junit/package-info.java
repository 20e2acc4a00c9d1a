/**
 * JUnit 5 extensions that hand an integration test a running service: {@code @ExtendWith(KafkaExtension.class)}
 * and a parameter of type {@link dev.ripple.embedded.EmbeddedKafka}, likewise {@link
 * dev.ripple.embedded.EtcdProcess} and {@link dev.ripple.embedded.RedisProcess}. Each service is started once
 * per test JVM, on first use, shared by every test in that JVM, and stopped when the JVM's tests are done.
 * Tests that share a service isolate themselves by name (a topic, key prefix or database of their own).
 */
package dev.ripple.embedded.junit;
