/**
 * Commands that talk to a running deployment and exit: {@code ripple publish}, {@code read}, {@code status},
 * {@code lag}, {@code conits} and {@code dlq}.
 */
package dev.ripple.cli.tools;
