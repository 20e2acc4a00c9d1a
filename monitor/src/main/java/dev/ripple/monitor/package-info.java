/**
 * What the ops process serves on top of the parts: {@link dev.ripple.monitor.Monitoring} composes the lag and
 * latency monitor ({@code lag}), dead-letter inspection and replay ({@code dlq}) and the dashboard
 * ({@code dashboard}); {@link dev.ripple.monitor.MonitorMetricNames} names the meters they register.
 */
package dev.ripple.monitor;
