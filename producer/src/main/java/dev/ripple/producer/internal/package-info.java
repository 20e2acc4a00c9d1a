/** Implementation details of the producer; may change without notice. */
package dev.ripple.producer.internal;
