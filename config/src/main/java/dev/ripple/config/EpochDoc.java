package dev.ripple.config;

/**
 * The cluster epoch ({@code /ripple/epoch}), carried by positions and session tokens; raised when a source topic
 * is recreated or repartitioned, so that older tokens are refused (DESIGN.md 5).
 *
 * @param epoch 1 or more
 * @param reason why it was last raised, or null
 */
public record EpochDoc(long epoch, String reason) implements ConfigDocument {
    public EpochDoc {
        Validation v = new Validation();
        v.range(epoch, "epoch", 1, Long.MAX_VALUE);
        v.throwIfAny();
    }

    public static EpochDoc of(long epoch) {
        return new EpochDoc(epoch, null);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.EPOCH;
    }

    @Override
    public String key() {
        return ConfigKeys.EPOCH;
    }
}
