package dev.ripple.cli.archfixture;

/** Breaks the one-vocabulary rule on purpose, so ArchitectureTest can show the rule catches it. */
public final class DeclaresItsOwnState {
    private DeclaresItsOwnState() {}

    /** A lifecycle vocabulary of its own. */
    enum State { CREATED, RUNNING, CLOSED }
}
