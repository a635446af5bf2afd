package ru.openkassa.server.receipts.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.receipts.ReceiptsProperties;

/**
 * Merchant API tokens (ATOL {@code getToken}). Tokens live in the database so that any node
 * accepts a token issued by another; each node keeps a short-lived cache so that a busy store
 * does not cost a token lookup per receipt.
 */
@Service
public class MerchantTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a node trusts its cached view of a token's credential (groups, blocked flag). */
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_LIMIT = 100_000;
    /** ATOL: a token is at most 1000 characters; ours are 43. */
    private static final int MAX_TOKEN_LENGTH = 1000;

    private final JdbcClient jdbc;
    private final FleetService fleet;
    private final ReceiptsProperties properties;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    MerchantTokens(JdbcClient jdbc, FleetService fleet, ReceiptsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.fleet = fleet;
        this.properties = properties;
        this.clock = clock;
    }

    /** Checks login and password and issues a new token; empty when they are wrong. */
    public Optional<IssuedToken> issue(String login, String password) {
        return fleet.authenticate(login, password).map(this::issue);
    }

    private IssuedToken issue(ApiPrincipal principal) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(properties.tokenLifetime());
        jdbc.sql("insert into api_token (token_hash, account_id, credential_id, issued_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(hash(token), principal.accountId(), principal.credentialId(), now, expires)
                .update();
        return new IssuedToken(token, expires);
    }

    public TokenCheck check(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return new TokenCheck.Missing();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || cached.loadedAt.plus(CACHE_TTL).isBefore(now)) {
            cached = load(hash, now);
            if (cached == null) {
                return new TokenCheck.Missing();
            }
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        if (!cached.expiresAt.isAfter(now)) {
            return new TokenCheck.Expired();
        }
        return cached.principal == null ? new TokenCheck.Missing() : new TokenCheck.Valid(cached.principal);
    }

    private Cached load(String hash, Instant now) {
        return jdbc.sql("select account_id, credential_id, expires_at from api_token where token_hash = ?")
                .param(hash)
                .query((rs, n) -> {
                    long account = rs.getLong(1);
                    long credential = rs.getLong(2);
                    Instant expires = rs.getObject(3, OffsetDateTime.class).toInstant();
                    // a blocked or removed credential makes its tokens stop working
                    ApiPrincipal principal = fleet.principal(account, credential).orElse(null);
                    return new Cached(principal, expires, now);
                })
                .optional()
                .orElse(null);
    }

    /** Tokens are kept a week past expiry so that a late client hears "expired", not "unknown". */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeOld() {
        jdbc.sql("delete from api_token where expires_at < ?")
                .param(OffsetDateTime.now(clock).minusDays(7)).update();
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Cached(ApiPrincipal principal, Instant expiresAt, Instant loadedAt) {
    }
}
