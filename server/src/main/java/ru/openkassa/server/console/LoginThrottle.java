package ru.openkassa.server.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ru.openkassa.server.platform.DatabaseVendor;

/**
 * Slows password guessing down: after {@link ConsoleProperties#maxFailures()} wrong passwords for one
 * client and user, or {@link ConsoleProperties#maxFailuresPerAddress()} from one address, logins
 * there are refused for {@link ConsoleProperties#lockout()} — even with the right password. Kept in
 * the database, so every node counts the same failures.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final DatabaseVendor vendor;
    private final ConsoleProperties properties;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, DatabaseVendor vendor, ConsoleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.vendor = vendor;
        this.properties = properties;
        this.clock = clock;
    }

    record Keys(String user, String address) {

        static Keys of(String client, String login, String address) {
            return new Keys("user:" + normalize(client) + "/" + normalize(login), "address:" + address);
        }

        private static String normalize(String value) {
            String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            return text.length() > 150 ? text.substring(0, 150) : text;
        }
    }

    /** Until when logins with these keys are refused; empty when they are not. */
    Optional<Instant> lockedUntil(Keys keys) {
        Instant now = clock.instant();
        return jdbc.sql("select locked_until from login_throttle where throttle_key in (?, ?) and locked_until > ?")
                .params(keys.user(), keys.address(), OffsetDateTime.now(clock))
                .query((rs, n) -> rs.getObject("locked_until", OffsetDateTime.class).toInstant())
                .list().stream().filter(now::isBefore).max(Instant::compareTo);
    }

    @Transactional
    void failed(Keys keys) {
        count(keys.user(), properties.maxFailures());
        count(keys.address(), properties.maxFailuresPerAddress());
    }

    /** A successful login forgets the user's failures (not the address's: one good login must not reset guessing). */
    @Transactional
    void succeeded(Keys keys) {
        jdbc.sql("delete from login_throttle where throttle_key = ?").param(keys.user()).update();
    }

    private void count(String key, int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Integer> failures = jdbc.sql("select failures from login_throttle where throttle_key = ? and last_failure_at > ?")
                .params(key, now.minus(properties.lockout())).query(Integer.class).list();
        int count = failures.isEmpty() ? 1 : failures.getFirst() + 1;
        OffsetDateTime lockedUntil = count >= limit ? now.plus(properties.lockout()) : null;
        int stored = count >= limit ? 0 : count;
        if (jdbc.sql("update login_throttle set failures = ?, last_failure_at = ?, locked_until = ? where throttle_key = ?")
                .params(stored, now, lockedUntil, key).update() == 0) {
            // two first failures at once: one row wins, the other failure is not counted (a slip, not a hole)
            jdbc.sql("insert into login_throttle (throttle_key, failures, last_failure_at, locked_until) values (?, ?, ?, ?) "
                    + vendor.onConflictDoNothing("throttle_key")).params(key, stored, now, lockedUntil).update();
        }
    }
}
