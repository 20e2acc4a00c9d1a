/** The lag monitor's Kafka reading, windows and meters; may change without notice. */
package dev.ripple.monitor.lag.internal;
