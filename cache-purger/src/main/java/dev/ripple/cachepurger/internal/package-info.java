/** Implementation details of the cache purger; may change without notice. */
package dev.ripple.cachepurger.internal;
