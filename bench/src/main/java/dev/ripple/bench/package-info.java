/**
 * {@code ripple bench}: each scenario measures Ripple against a baseline on the same broker in the same run,
 * interleaved over rounds, because this kind of machine is shared and noisy: only ratios mean anything. Every
 * round also checks correctness (per-key order, loss, duplicates), and CPU time is split between Ripple's threads
 * and the in-process broker's.
 */
package dev.ripple.bench;
