/**
 * The mathematics of Ripple: position vectors (the vector clocks of DESIGN.md section 5), signed session
 * tokens, the session-guarantee rules applied by the producer and the read API, and conit bounds (section 6.2).
 *
 * <p>Pure JDK plus Jackson: no Kafka, Redis, etcd or HTTP types. Every public type here is immutable and
 * thread-safe unless its Javadoc says otherwise. The history checker lives in {@code .history}.
 */
package dev.ripple.consistency;
