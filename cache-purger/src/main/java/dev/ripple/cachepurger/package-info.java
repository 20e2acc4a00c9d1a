/**
 * The per-region cache purger (DESIGN.md section 8): {@link dev.ripple.cachepurger.CachePurger} reads
 * {@code ripple.purge.<region>} and purges the region's Redis and HTTP caches, with retries, circuit breakers,
 * rate limits and bulkheads per target, and publishes how far it got as the purge position. Regional caches fill
 * through {@link dev.ripple.cachepurger.CacheClient}, which refuses fills older than a purge, or follow the purge
 * stream themselves with {@link dev.ripple.cachepurger.PurgeSubscriber}.
 */
package dev.ripple.cachepurger;
