/** The prober's machinery: following the streams, the targets it reads, the ladder and the judgements. */
package dev.ripple.prober.internal;
