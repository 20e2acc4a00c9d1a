/**
 * One command per long-running part, each a process of its own in production: {@code ripple producer},
 * {@code propagator}, {@code replica}, {@code purger}, {@code conits track} and {@code ops}. Each builds its part
 * with {@code dev.ripple.cli.wiring}, exactly as {@code ripple up} does, and serves {@code /healthz},
 * {@code /readyz} and {@code /metrics}.
 */
package dev.ripple.cli.parts;
