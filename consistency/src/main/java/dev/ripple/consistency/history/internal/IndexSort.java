package dev.ripple.consistency.history.internal;

/** A stable merge sort of int indices by long keys, without boxing a million Integers. */
public final class IndexSort {

    private IndexSort() {
    }

    /** Sorts {@code idx} in place, stably, by {@code keys[idx[i]]} ascending. */
    public static void sort(int[] idx, long[] keys) {
        if (sorted(idx, keys)) {
            return;
        }
        int[] tmp = new int[idx.length];
        for (int width = 1; width < idx.length; width *= 2) {
            for (int lo = 0; lo < idx.length - width; lo += 2 * width) {
                merge(idx, tmp, keys, lo, lo + width, Math.min(lo + 2 * width, idx.length));
            }
        }
    }

    private static void merge(int[] a, int[] tmp, long[] keys, int lo, int mid, int hi) {
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || keys[tmp[i]] <= keys[tmp[j]])) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static boolean sorted(int[] idx, long[] keys) {
        for (int i = 1; i < idx.length; i++) {
            if (keys[idx[i]] < keys[idx[i - 1]]) {
                return false;
            }
        }
        return true;
    }
}
