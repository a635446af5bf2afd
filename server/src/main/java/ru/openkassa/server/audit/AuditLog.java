package ru.openkassa.server.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The audit log: who did what to an account, and when. Only appended to. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an action; joins the caller's transaction, so an action rolled back leaves no entry. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(long accountId, long actorAccountId, String actorLogin, String action, String target) {
        jdbc.sql("""
                insert into audit_event (account_id, actor_account_id, actor_login, action, target, at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(accountId, actorAccountId, actorLogin, action, target, OffsetDateTime.now(clock))
                .update();
    }

    /** The account's latest events, newest first. */
    public List<AuditEvent> recent(long accountId, int limit) {
        return jdbc.sql("""
                select account_id, actor_account_id, actor_login, action, target, at
                  from audit_event where account_id = ? order by at desc, id desc limit ?""")
                .params(accountId, limit)
                .query((rs, n) -> new AuditEvent(rs.getLong("account_id"), rs.getLong("actor_account_id"),
                        rs.getString("actor_login"), rs.getString("action"), rs.getString("target"),
                        rs.getObject("at", OffsetDateTime.class)))
                .list();
    }
}
