package ru.openkassa.server.fleet;

/** A legal entity of an account; registers and groups belong to one. */
public record LegalEntity(long id, long accountId, String name, String inn) {
}
