/**
 * The lag and latency monitor: samples every Ripple consumer group's offsets against the log ends, judges each
 * group with Burrow-style rules (OK, WARN, REBALANCING, REWIND, STALL, STOP, ERR; membership from Kafka acts at
 * once) and exposes lag in records and in time.
 */
package dev.ripple.monitor.lag;
