/** {@code ripple bench idle}: the CPU an idle {@code ripple up} burns beside the broker and Redis it embeds. */
package dev.ripple.bench.idle;
