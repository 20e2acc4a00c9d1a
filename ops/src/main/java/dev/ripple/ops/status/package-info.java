/**
 * Monitoring as one part of a process: the lag monitor on the process's registry, DLQ access and every ops HTTP
 * route ({@code /api/lag|regions|conits|dlq|dashboard}, the dashboard at {@code /}; the process's server serves
 * {@code /metrics}), the readiness {@link dev.ripple.ops.status.Parts} of every component, and the
 * operator commands that read them: {@code ripple ops}, {@code ripple lag}, {@code ripple status}.
 */
package dev.ripple.ops.status;
