package dev.ripple.prober.internal;

import dev.ripple.consistency.Dot;
import java.util.Optional;

/**
 * The version a read API or an HTTP cache says it serves, from Ripple's {@code ETag}: {@code "<revision>/<dot>"},
 * weak ({@code W/}) for an invalidated object, {@code -} for no revision.
 *
 * @param revision the served revision; null when the write had none
 * @param dot the served write's place in the source log
 */
record ServedVersion(Long revision, Dot dot) {
    /** The version in {@code etag}, or empty if it is absent or not Ripple's. */
    static Optional<ServedVersion> ofEtag(String etag) {
        if (etag == null) {
            return Optional.empty();
        }
        String tag = etag.startsWith("W/") ? etag.substring(2) : etag;
        int slash = tag.indexOf('/');
        if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"") || slash < 0) {
            return Optional.empty();
        }
        try {
            String revision = tag.substring(1, slash);
            Dot dot = Dot.parse(tag.substring(slash + 1, tag.length() - 1));
            return Optional.of(new ServedVersion(revision.equals("-") ? null : Long.valueOf(revision), dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "revision " + (revision == null ? "none" : revision) + " at " + dot;
    }
}
