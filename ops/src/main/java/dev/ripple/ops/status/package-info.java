/**
 * Monitoring as one part of a process: the registry, the lag monitor, DLQ access and every ops HTTP route
 * ({@code /metrics}, {@code /api/lag|regions|conits|dlq|dashboard}, the dashboard at {@code /}), and the
 * operator commands that read them: {@code ripple ops}, {@code ripple lag}, {@code ripple status}.
 */
package dev.ripple.ops.status;
