package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.platform.signal.ClusterSignals;
import ru.openkassa.server.platform.security.OpaqueTokens;

/**
 * Device tokens. A check joins the register's current ID, so a re-issued or retired ID ends its
 * sessions. A register calls several times per receipt and polls all day, so a valid session is
 * kept in memory for minutes; the fleet's revocation signal drops it at once on every node, a gap
 * in the signals drops them all, and a check that read the database before a revocation never
 * stores what it read.
 */
@Component
class DeviceSessions {

    static final Duration LIFETIME = Duration.ofHours(24);

    sealed interface Check {
        record Valid(DeviceSession session) implements Check {
        }

        record Expired() implements Check {
        }

        record Missing() implements Check {
        }
    }

    /**
     * Revocation is signalled at once; the lifetime only bounds a missed signal. A register polls
     * every ~25 s, so a shorter one would read the token at nearly every call of an idle fleet.
     */
    private static final long CACHE_NANOS = Duration.ofMinutes(5).toNanos();
    private static final int CACHE_LIMIT = 200_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** When each register's ID was last revoked on this node's clock (System.nanoTime). */
    private final ChangeTimes revocations = new ChangeTimes();

    DeviceSessions(JdbcClient jdbc, Clock clock, ClusterSignals signals) {
        this.jdbc = jdbc;
        this.clock = clock;
        signals.subscribe(RegisterService.ID_REVOKED_SIGNAL, payload -> revoked(Long.parseLong(payload)));
        signals.onGap(cache::clear);
    }

    private void revoked(long registerPk) {
        revocations.changed(registerPk);
        cache.values().removeIf(c -> c.row().session().registerPk() == registerPk);
    }

    record Issued(String token, OffsetDateTime expiresAt) {
    }

    Issued issue(Register register) {
        String token = OpaqueTokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(LIFETIME);
        jdbc.sql("insert into device_token (token_hash, account_id, register_pk, register_id, issued_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(OpaqueTokens.hash(token), register.accountId(), register.id(), register.registerId(), now, expires)
                .update();
        return new Issued(token, expires);
    }

    Check check(String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (token == null || token.isEmpty() || token.length() > 200) {
            return new Check.Missing();
        }
        String hash = OpaqueTokens.hash(token);
        long started = System.nanoTime();
        Cached cached = cache.get(hash);
        Optional<Row> row;
        if (cached != null && started - cached.loadedAt() < CACHE_NANOS && !revokedSince(cached.row(), cached.loadedAt())) {
            row = Optional.of(cached.row());
        } else {
            row = load(hash);
            if (row.isPresent() && !revokedSince(row.get(), started)) {
                if (cache.size() > CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(hash, new Cached(row.get(), started));
            } else {
                cache.remove(hash);
            }
        }
        if (row.isEmpty()) {
            return new Check.Missing();
        }
        if (!row.get().expiresAt().isAfter(OffsetDateTime.now(clock))) {
            return new Check.Expired();
        }
        return new Check.Valid(row.get().session());
    }

    private boolean revokedSince(Row row, long nanos) {
        return revocations.changedSince(row.session().registerPk(), nanos);
    }

    private Optional<Row> load(String hash) {
        return jdbc.sql("""
                select t.account_id, t.register_pk, t.register_id, t.expires_at
                  from device_token t
                  join cash_register r on r.id = t.register_pk and r.register_id = t.register_id and r.retired_at is null
                                      and r.account_id = t.account_id
                 where t.token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Row(new DeviceSession(rs.getLong(1), rs.getLong(2), rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void purgeExpired() {
        jdbc.sql("delete from device_token where expires_at < ?").param(OffsetDateTime.now(clock).minusDays(1)).update();
    }

    private record Row(DeviceSession session, OffsetDateTime expiresAt) {
    }

    private record Cached(Row row, long loadedAt) {
    }
}
