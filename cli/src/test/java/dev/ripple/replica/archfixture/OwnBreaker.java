package dev.ripple.replica.archfixture;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** Breaks the runtime-HTTP rule on purpose (a service's own resilience4j breaker). */
public final class OwnBreaker {
    private OwnBreaker() {}

    static CircuitBreaker breaker() {
        return CircuitBreaker.ofDefaults("own");
    }
}
