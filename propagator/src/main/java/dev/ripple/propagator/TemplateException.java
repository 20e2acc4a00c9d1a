package dev.ripple.propagator;

/**
 * A purge template could not be expanded for an event, e.g. {@code {meta.domain}} on an event without a domain,
 * or a named group that did not take part in the match. The event goes to the dead-letter topic; it never yields
 * a purge with an empty segment.
 */
public final class TemplateException extends PropagatorException {
    public TemplateException(String message) {
        super(message);
    }
}
