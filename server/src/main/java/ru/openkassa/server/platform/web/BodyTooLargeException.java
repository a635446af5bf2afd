package ru.openkassa.server.platform.web;

/** The request body is over the configured limit; nothing of it is processed. */
public class BodyTooLargeException extends RuntimeException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body over " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
