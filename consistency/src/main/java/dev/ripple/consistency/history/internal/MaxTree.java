package dev.ripple.consistency.history.internal;

import java.util.Arrays;

/** A segment tree answering "which index holds the maximum among the first k+1" with removals, in O(log n). */
final class MaxTree {

    private final long[] values;
    private final int size;
    private final int[] tree;

    MaxTree(long[] values) {
        this.values = values.clone();
        int s = 1;
        while (s < values.length) {
            s <<= 1;
        }
        this.size = s;
        this.tree = new int[2 * s];
        Arrays.fill(tree, -1);
        for (int i = 0; i < values.length; i++) {
            tree[s + i] = i;
        }
        for (int x = s - 1; x > 0; x--) {
            tree[x] = better(tree[2 * x], tree[2 * x + 1]);
        }
    }

    /** @return the index of the largest value among indices 0..k (the lowest such index on ties), or −1 */
    int argMaxPrefix(int k) {
        int best = -1;
        for (int lo = size, hi = size + k + 1; lo < hi; lo >>= 1, hi >>= 1) {
            if ((lo & 1) == 1) {
                best = better(best, tree[lo++]);
            }
            if ((hi & 1) == 1) {
                best = better(best, tree[--hi]);
            }
        }
        return best;
    }

    long value(int i) {
        return values[i];
    }

    /** Takes index {@code i} out of every later answer. */
    void remove(int i) {
        values[i] = Long.MIN_VALUE;
        for (int x = (size + i) >> 1; x > 0; x >>= 1) {
            tree[x] = better(tree[2 * x], tree[2 * x + 1]);
        }
    }

    private int better(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return values[b] > values[a] || (values[b] == values[a] && b < a) ? b : a;
    }
}
