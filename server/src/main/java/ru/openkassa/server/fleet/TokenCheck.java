package ru.openkassa.server.fleet;


/** What a presented merchant token turned out to be. */
public sealed interface TokenCheck {

    record Valid(ApiPrincipal principal) implements TokenCheck {
    }

    record Expired() implements TokenCheck {
    }

    /** Absent, malformed or never issued. */
    record Missing() implements TokenCheck {
    }
}
