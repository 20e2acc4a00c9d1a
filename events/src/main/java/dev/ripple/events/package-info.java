/**
 * The wire contract of Ripple: the edit event and its JSON Schema, the records the propagator writes to region
 * topics, topic names, serdes, and the headers of dead-lettered records ({@code DeadLetterRecord}). Every service depends on
 * this package and on {@code dev.ripple.config}, never on each other.
 */
package dev.ripple.events;
