/**
 * The {@code ripple} command ({@link dev.ripple.cli.Main}, {@link dev.ripple.cli.RippleCommand}) and the options
 * its commands share: Kafka, etcd, Redis, HTTP serving and session keys. Below it: {@code parts} (one command per
 * long-running part), {@code wiring} (how every part is built, alone or inside {@code ripple up}), {@code up},
 * {@code config} and {@code tools} (commands that talk to a running deployment).
 */
package dev.ripple.cli;
