/**
 * Faster codecs of the wire format for the hot paths, each held to the standard serdes of {@link
 * dev.ripple.events.EventSerdes} byte for byte and value for value: {@link dev.ripple.events.codec.FastJson}.
 * The wire format is owned here, in {@code events}; services use these rather than write JSON of their own.
 */
package dev.ripple.events.codec;
