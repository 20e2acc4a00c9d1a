/** CLI commands of the producer side: {@code ripple publish} and {@code ripple producer}. */
package dev.ripple.ops.producer;
