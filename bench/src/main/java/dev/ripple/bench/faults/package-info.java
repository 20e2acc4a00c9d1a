/**
 * {@code ripple bench faults}: the production shape on one machine ({@code ripple up --processes}) under a session
 * load, with faults injected on a seeded schedule; reports recovery time per fault and the history checker's verdict.
 * Unlike the other scenarios it has no baseline: what it measures is recovery, and what it checks is that nothing
 * acknowledged is lost and no session guarantee breaks.
 */
package dev.ripple.bench.faults;
