package ru.openkassa.server.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import ru.openkassa.server.platform.security.OpaqueTokens;

/**
 * API tokens of the merchant and admin APIs (ATOL {@code getToken}, native bearer tokens). Tokens live in the database so that any node
 * accepts a token issued by another; each node keeps a short-lived cache so that a busy store
 * does not cost a token lookup per receipt. The cache refreshes a token in the background while
 * serving the known answer, and loads a missing one once however many requests ask for it: a
 * store sending hundreds of receipts a second must not turn one expiry into hundreds of queries.
 */
@Service
public class ApiTokens {

    /** How long a node trusts its cached view of a token's credential (groups, blocked flag). */
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_LIMIT = 100_000;
    /** ATOL: a token is at most 1000 characters; ours are 43. */
    private static final int MAX_TOKEN_LENGTH = 1000;

    private final JdbcClient jdbc;
    private final FleetService fleet;
    private final Duration lifetime;
    private final Clock clock;
    private final LoadingCache<String, Optional<Cached>> cache;

    ApiTokens(JdbcClient jdbc, FleetService fleet,
            @Value("${openkassa.api.token-lifetime:24h}") Duration lifetime, Clock clock) {
        this.jdbc = jdbc;
        this.fleet = fleet;
        this.lifetime = lifetime;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(CACHE_LIMIT)
                .refreshAfterWrite(CACHE_TTL)
                .expireAfterWrite(CACHE_TTL.multipliedBy(2))
                .build(this::load);
    }

    /** Checks login and password and issues a new token; empty when they are wrong. */
    public Optional<IssuedToken> issue(String login, String password) {
        return fleet.authenticate(login, password).map(this::issue);
    }

    private IssuedToken issue(ApiPrincipal principal) {
        String token = OpaqueTokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(lifetime);
        jdbc.sql("insert into api_token (token_hash, account_id, credential_id, issued_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(OpaqueTokens.hash(token), principal.accountId(), principal.credentialId(), now, expires)
                .update();
        return new IssuedToken(token, expires);
    }

    public TokenCheck check(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return new TokenCheck.Missing();
        }
        Optional<Cached> found = cache.get(OpaqueTokens.hash(token));
        if (found.isEmpty()) {
            return new TokenCheck.Missing();
        }
        Cached cached = found.get();
        if (!cached.expiresAt.isAfter(clock.instant())) {
            return new TokenCheck.Expired();
        }
        return cached.principal == null ? new TokenCheck.Missing() : new TokenCheck.Valid(cached.principal);
    }

    private Optional<Cached> load(String hash) {
        record Row(long account, long credential, Instant expires) {
        }
        // the credential is read after the token's row, not inside its mapper: a nested query
        // would hold one pooled connection while waiting for another
        return jdbc.sql("select account_id, credential_id, expires_at from api_token where token_hash = ?")
                .param(hash)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional()
                // a blocked or removed credential makes its tokens stop working
                .map(row -> new Cached(fleet.principal(row.account(), row.credential()).orElse(null), row.expires()));
    }

    /** Tokens are kept a week past expiry so that a late client hears "expired", not "unknown". */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeOld() {
        jdbc.sql("delete from api_token where expires_at < ?")
                .param(OffsetDateTime.now(clock).minusDays(7)).update();
    }

    private record Cached(ApiPrincipal principal, Instant expiresAt) {
    }
}
