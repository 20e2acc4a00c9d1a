/**
 * Freshness measured as readers see it (DESIGN.md section 15): the prober follows a sample of the acknowledged
 * writes by key hash, checks each region's read API and each purge target at a ladder of delays, and publishes
 * "N nines consistent within M" per region and target; every inconsistency is kept, with the hop where the write
 * stalled, in {@code ripple.probe.inconsistencies}.
 */
package dev.ripple.prober;
