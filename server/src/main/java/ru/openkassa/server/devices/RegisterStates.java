package ru.openkassa.server.devices;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What registers last reported about themselves (the state heartbeat) and when they last polled. */
@Repository
class RegisterStates {

    private final JdbcClient jdbc;

    RegisterStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void touchPoll(DeviceSession session, OffsetDateTime now) {
        if (jdbc.sql("update register_state set last_poll_at = ?, last_seen_at = ? where register_pk = ?")
                .params(now, now, session.registerPk()).update() == 0) {
            insertIfAbsent(session, now);
            jdbc.sql("update register_state set last_poll_at = ? where register_pk = ?")
                    .params(now, session.registerPk()).update();
        }
    }

    /** One statement on every heartbeat but a register's first: its row exists from then on. */
    void save(DeviceSession session, StateReport state, OffsetDateTime now) {
        if (update(session, state, now) == 0) {
            insertIfAbsent(session, now);
            update(session, state, now);
        }
    }

    private int update(DeviceSession session, StateReport state, OffsetDateTime now) {
        return jdbc.sql("""
                update register_state set last_seen_at = ?, mode = ?, paper = ?, shift_open = ?, shift_number = ?,
                       shift_opened_at = ?, ofd_connected = ?, unsent_count = ?, oldest_unsent_at = ?, fn_fill_percent = ?
                 where register_pk = ?""")
                .params(now, state.mode(), state.paper(),
                        state.shift() == null ? null : state.shift().open(),
                        state.shift() == null ? null : state.shift().number(),
                        state.shift() == null ? null : state.shift().openedAt(),
                        state.ofd() == null ? null : state.ofd().connected(),
                        state.ofd() == null ? null : state.ofd().unsentCount(),
                        state.ofd() == null ? null : state.ofd().oldestUnsentAt(),
                        state.fn() == null ? null : state.fn().fillPercent(),
                        session.registerPk())
                .update();
    }

    private void insertIfAbsent(DeviceSession session, OffsetDateTime now) {
        if (jdbc.sql("select count(*) from register_state where register_pk = ?").param(session.registerPk())
                .query(Long.class).single() == 0) {
            try {
                jdbc.sql("insert into register_state (register_pk, account_id, last_seen_at) values (?, ?, ?)")
                        .params(session.registerPk(), session.accountId(), now).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // the register's other call created it at the same moment
            }
        }
    }
}
