/**
 * {@code ripple config}: the operator's view of the config store, against etcd ({@code --etcd}) or a running
 * {@code ripple up}, whose in-memory store this package also serves over HTTP under {@code /api/config/}.
 */
package dev.ripple.cli.config;
