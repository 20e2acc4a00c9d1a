/**
 * Calling targets: the blocking {@link dev.ripple.runtime.http.HttpSender} (Apache HttpClient 5) and the
 * {@link dev.ripple.runtime.http.Guard} around every target call (resilience4j retry, circuit breaker, bulkhead,
 * rate limit), configured by {@link dev.ripple.runtime.http.TargetPolicy}. Services use no HTTP client or
 * resilience4j of their own (checked by ArchUnit).
 */
package dev.ripple.runtime.http;
