/**
 * The lag and latency monitor: samples every Ripple consumer group's offsets against the log ends, judges each
 * group with Burrow-style rules (OK, WARN, REWIND, STALL, STOP, ERR) and exposes lag in records and in time.
 */
package dev.ripple.monitor.lag;
