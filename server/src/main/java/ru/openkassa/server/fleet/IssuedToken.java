package ru.openkassa.server.fleet;

import java.time.OffsetDateTime;

public record IssuedToken(String token, OffsetDateTime expiresAt) {
}
