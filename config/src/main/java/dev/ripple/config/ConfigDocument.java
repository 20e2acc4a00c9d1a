package dev.ripple.config;

/**
 * A typed, validated config document. Every implementation is an immutable record whose constructor rejects
 * invalid values with an {@link InvalidDocumentException} listing every problem.
 */
public sealed interface ConfigDocument
        permits StreamDoc, RuleDoc, RegionDoc, ConitDoc, PurgeTargetDoc, ProducerDoc, EpochDoc {

    /** The kind of document. */
    DocumentKind kind();

    /** The store key this document lives at, e.g. {@code /ripple/rules/page-edits}. */
    String key();
}
