/**
 * Operating Ripple: the {@code ripple} CLI ({@link dev.ripple.ops.Main}), the all-in-one launcher
 * ({@code ripple up}, in {@code dev.ripple.ops.up}) and the HTTP server that carries every component's API
 * ({@code dev.ripple.ops.server}). Later: lag and latency monitor, conit status, metrics and dashboard.
 */
package dev.ripple.ops;
