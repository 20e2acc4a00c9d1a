package dev.ripple.propagator.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The value of an entry of the dependency index ({@code deps-index}): how the dependent uses the dependency.
 *
 * @param stream the dependent's stream
 * @param parts the parts it reads; null for all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IndexEntry(String stream, List<String> parts) {}
