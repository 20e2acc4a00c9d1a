package dev.ripple.producer;

/** An event's JSON is larger than allowed; nothing was written. */
public final class EventTooLargeException extends ProducerException {
    private final long bytes;
    private final long limit;

    public EventTooLargeException(String eventId, long bytes, long limit) {
        super("Event " + eventId + " is " + bytes + " bytes, over the limit of " + limit
                + " bytes; send a smaller body or raise the stream's max_event_bytes");
        this.bytes = bytes;
        this.limit = limit;
    }

    public long bytes() {
        return bytes;
    }

    public long limit() {
        return limit;
    }
}
