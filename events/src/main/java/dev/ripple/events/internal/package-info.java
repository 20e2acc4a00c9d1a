/** Implementation details of the event contract; may change without notice. */
package dev.ripple.events.internal;
