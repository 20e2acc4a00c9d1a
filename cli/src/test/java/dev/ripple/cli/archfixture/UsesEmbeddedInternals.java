package dev.ripple.cli.archfixture;

import dev.ripple.embedded.internal.FreePorts;

/** Breaks the internal-package rule on purpose, so ArchitectureTest can show the rule catches it. */
public final class UsesEmbeddedInternals {
    private UsesEmbeddedInternals() {}

    static int port() {
        return FreePorts.pick(1)[0];
    }
}
