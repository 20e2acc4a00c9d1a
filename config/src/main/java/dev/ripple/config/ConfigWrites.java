package dev.ripple.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validated single-document writes, as {@code ripple config put} and {@code edit} make them: the text (YAML or
 * JSON) must be a valid document for its key, and the streams and regions it names must exist. Thread-safe.
 */
public final class ConfigWrites {
    /** Write whatever revision the key is at. */
    public static final long ANY_REVISION = -1;

    private ConfigWrites() {}

    /**
     * Validates {@code text} and writes it at {@code key} in one transaction.
     *
     * @param expectedModRevision the key's mod revision the writer saw (0: absent), or {@link #ANY_REVISION}
     * @return the revision of the write
     * @throws InvalidDocumentException listing every problem, including references to missing streams or regions
     * @throws TxnConflictException if the key is no longer at {@code expectedModRevision}
     */
    public static long put(ConfigStore store, String key, String text, long expectedModRevision) {
        return store.txnRun(txn -> {
            Optional<Entry> existing = txn.get(key);
            if (expectedModRevision != ANY_REVISION
                    && existing.map(Entry::modRevision).orElse(0L) != expectedModRevision) {
                throw new TxnConflictException(1, Set.of(key));
            }
            String json = ConfigDocuments.prepareForWrite(key, text, existing);
            ConfigDocument document = ConfigDocuments.parse(key, json);
            List<Problem> problems = missingReferences(txn, document);
            loweredEpoch(existing, document).ifPresent(problems::add);
            if (!problems.isEmpty()) {
                throw new InvalidDocumentException(key, problems);
            }
            txn.put(key, json);
        });
    }

    /** The streams and regions {@code document} names that are not in the store, read in {@code txn}. */
    public static List<Problem> missingReferences(Txn txn, ConfigDocument document) {
        List<Problem> problems = new ArrayList<>();
        if (document instanceof RuleDoc rule) {
            require(txn, rule.streams(), DocumentKind.STREAM, "streams", problems);
            if (rule.replicate() != null) {
                require(txn, rule.replicate().regions(), DocumentKind.REGION, "replicate.regions", problems);
            }
        } else if (document instanceof PurgeTargetDoc target) {
            require(txn, List.of(target.region()), DocumentKind.REGION, "region", problems);
        } else if (document instanceof ProducerDoc producer) {
            require(txn, producer.streams(), DocumentKind.STREAM, "streams", problems);
        }
        return problems;
    }

    /**
     * A problem if {@code document} is an epoch lower than the one {@code existing} holds. Epochs only go up: every
     * part follows {@code /ripple/epoch} live, and tokens and positions of a later epoch already exist.
     */
    static Optional<Problem> loweredEpoch(Optional<Entry> existing, ConfigDocument document) {
        if (!(document instanceof EpochDoc lower) || existing.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (ConfigDocuments.read(existing.get()) instanceof EpochDoc held && lower.epoch() < held.epoch()) {
                return Optional.of(new Problem("epoch", "epochs only go up: the epoch in force is " + held.epoch()
                        + ", and sessions and positions of it exist; raise it to " + (held.epoch() + 1)
                        + " or more to start a new one"));
            }
        } catch (InvalidDocumentException unreadable) {
            // an unreadable epoch is replaced by any valid one
        }
        return Optional.empty();
    }

    private static void require(Txn txn, List<String> names, DocumentKind kind, String field,
            List<Problem> problems) {
        String what = kind.segment().replaceAll("s$", "");
        for (String name : names) {
            if ("*".equals(name)) {
                continue;
            }
            if (!Validation.isTopicName(name)) {
                // a document stored under such a name (before the rule, or past the checks) is invalid, so in no
                // snapshot: that it exists would mislead
                problems.add(new Problem(field, "'" + name + "' cannot name a " + what + ": "
                        + Validation.TOPIC_NAME_RULE));
            } else if (txn.get(kind.prefix() + name).isEmpty()) {
                problems.add(new Problem(field, "no " + what + " '" + name + "' (" + kind.prefix() + name
                        + "); create it first"));
            }
        }
    }
}
