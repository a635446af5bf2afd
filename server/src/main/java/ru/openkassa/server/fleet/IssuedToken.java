package ru.openkassa.server.receipts.auth;

import java.time.OffsetDateTime;

public record IssuedToken(String token, OffsetDateTime expiresAt) {
}
