/** Implementation details of the embedded services; may change without notice. */
package dev.ripple.embedded.internal;
