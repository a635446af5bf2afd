package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.platform.security.OpaqueTokens;

/**
 * Device tokens. Every check joins the register's current ID: a re-issued or retired ID ends its
 * sessions on every node at once, with no cache to wait for.
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

    private final JdbcClient jdbc;
    private final Clock clock;

    DeviceSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
        Optional<Row> row = jdbc.sql("""
                select t.account_id, t.register_pk, t.register_id, t.expires_at
                  from device_token t
                  join cash_register r on r.id = t.register_pk and r.register_id = t.register_id and r.retired_at is null
                                      and r.account_id = t.account_id
                 where t.token_hash = ?""")
                .param(OpaqueTokens.hash(token))
                .query((rs, n) -> new Row(new DeviceSession(rs.getLong(1), rs.getLong(2), rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
        if (row.isEmpty()) {
            return new Check.Missing();
        }
        if (!row.get().expiresAt().isAfter(OffsetDateTime.now(clock))) {
            return new Check.Expired();
        }
        return new Check.Valid(row.get().session());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void purgeExpired() {
        jdbc.sql("delete from device_token where expires_at < ?").param(OffsetDateTime.now(clock).minusDays(1)).update();
    }

    private record Row(DeviceSession session, OffsetDateTime expiresAt) {
    }
}
