/** {@code ripple replica} (one region's applier and read API) and {@code ripple read} (a read through the read API). */
package dev.ripple.ops.replica;
