package ru.openkassa.server.receipts.atol;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ends an ATOL request with one of the protocol's errors. */
class AtolFailure extends RuntimeException {

    private final AtolError error;
    private final String text;
    private final UUID uuid;
    private final List<Map<String, String>> details;

    AtolFailure(AtolError error) {
        this(error, error.text(), null, List.of());
    }

    AtolFailure(AtolError error, String text, UUID uuid, List<Map<String, String>> details) {
        super(error.name());
        this.error = error;
        this.text = text;
        this.uuid = uuid;
        this.details = details;
    }

    AtolError error() {
        return error;
    }

    String text() {
        return text;
    }

    UUID uuid() {
        return uuid;
    }

    List<Map<String, String>> details() {
        return details;
    }
}
