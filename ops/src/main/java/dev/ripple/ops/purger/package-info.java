/** CLI commands of the cache purger: {@code ripple purger}. */
package dev.ripple.ops.purger;
