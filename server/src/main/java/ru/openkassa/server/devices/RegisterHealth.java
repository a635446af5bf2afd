package ru.openkassa.server.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What people see of a register's health: when it was last in contact and what its last heartbeat
 * said (shift, paper, OFD link, unsent documents, FN fill). Read from the heartbeat table.
 */
@Service
public class RegisterHealth {

    /** A register that long-polls is in contact at least every poll; two minutes without is offline. */
    public static final Duration ONLINE_WITHIN = Duration.ofMinutes(2);

    /** One register's last report; fields it never reported are null. */
    public record State(long registerPk, OffsetDateTime lastSeenAt, boolean online, String mode, Boolean paper,
            Boolean shiftOpen, Integer shiftNumber, OffsetDateTime shiftOpenedAt, Boolean ofdConnected,
            Integer unsentCount, OffsetDateTime oldestUnsentAt, Integer fnFillPercent) {

        /** How long the open shift has been open, or null. */
        public Duration shiftAge(OffsetDateTime now) {
            return Boolean.TRUE.equals(shiftOpen) && shiftOpenedAt != null ? Duration.between(shiftOpenedAt, now) : null;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RegisterHealth(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The account's registers that ever reported, by register. */
    public Map<Long, State> states(long accountId) {
        return query("where account_id = ?", accountId).stream()
                .collect(Collectors.toMap(State::registerPk, Function.identity()));
    }

    public java.util.Optional<State> state(long accountId, long registerPk) {
        return query("where account_id = ? and register_pk = ?", accountId, registerPk).stream().findFirst();
    }

    private List<State> query(String where, Object... params) {
        OffsetDateTime onlineSince = OffsetDateTime.now(clock).minus(ONLINE_WITHIN);
        return jdbc.sql("""
                select register_pk, last_seen_at, mode, paper, shift_open, shift_number, shift_opened_at, ofd_connected,
                       unsent_count, oldest_unsent_at, fn_fill_percent from register_state""" + " " + where)
                .params(params)
                .query((rs, n) -> {
                    OffsetDateTime seen = rs.getObject("last_seen_at", OffsetDateTime.class);
                    return new State(rs.getLong("register_pk"), seen, !seen.isBefore(onlineSince), rs.getString("mode"),
                            (Boolean) rs.getObject("paper", Boolean.class), (Boolean) rs.getObject("shift_open", Boolean.class),
                            (Integer) rs.getObject("shift_number", Integer.class),
                            rs.getObject("shift_opened_at", OffsetDateTime.class),
                            (Boolean) rs.getObject("ofd_connected", Boolean.class),
                            (Integer) rs.getObject("unsent_count", Integer.class),
                            rs.getObject("oldest_unsent_at", OffsetDateTime.class),
                            (Integer) rs.getObject("fn_fill_percent", Integer.class));
                })
                .list();
    }
}
