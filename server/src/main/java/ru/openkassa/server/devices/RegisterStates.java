package ru.openkassa.server.devices;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import ru.openkassa.server.platform.DatabaseVendor;

/** What registers last reported about themselves (the state heartbeat) and when they last polled. */
@Repository
class RegisterStates {

    private static final String TOUCH = """
            update register_state set last_poll_at = ?,
                   last_seen_at = case when last_seen_at is null or last_seen_at < ? then ? else last_seen_at end
             where register_pk = ?""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transaction;
    private final DatabaseVendor vendor;

    RegisterStates(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transaction, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transaction = transaction;
        this.vendor = vendor;
    }

    /**
     * The polls' contacts ({@link PollTouches}) in one batch and one commit. A register that polls
     * before its first heartbeat gets its row here; a heartbeat's later contact is kept.
     */
    void touchPolls(Map<Long, PollTouches.Touch> touches) {
        List<Long> registers = new ArrayList<>(touches.keySet());
        transaction.executeWithoutResult(status -> {
            List<Long> missing = new ArrayList<>();
            int[][] updated = batches.batchUpdate(TOUCH, registers, 500, (statement, registerPk) -> touch(statement,
                    registerPk, touches.get(registerPk).at()));
            int i = 0;
            for (int[] batch : updated) {
                for (int rows : batch) {
                    if (rows == 0) {
                        missing.add(registers.get(i));
                    }
                    i++;
                }
            }
            for (Long registerPk : missing) {
                PollTouches.Touch touch = touches.get(registerPk);
                insertIfAbsent(registerPk, touch.accountId(), touch.at());
                batches.update(TOUCH, statement -> touch(statement, registerPk, touch.at()));
            }
        });
    }

    private static void touch(PreparedStatement statement, long registerPk, OffsetDateTime at) throws SQLException {
        statement.setObject(1, at);
        statement.setObject(2, at);
        statement.setObject(3, at);
        statement.setLong(4, registerPk);
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
        insertIfAbsent(session.registerPk(), session.accountId(), now);
    }

    /**
     * Not a caught duplicate-key error: on PostgreSQL a failed statement aborts the transaction it is
     * in, and the poll contacts' batch around this insert would be lost with it (as it was whenever
     * a register's heartbeat created its row at the same moment, e.g. in a fleet's hello storm).
     */
    private void insertIfAbsent(long registerPk, long accountId, OffsetDateTime now) {
        jdbc.sql("insert into register_state (register_pk, account_id, last_seen_at) values (?, ?, ?) "
                        + vendor.onConflictDoNothing("register_pk"))
                .params(registerPk, accountId, now).update();
    }
}
