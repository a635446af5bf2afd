package ru.openkassa.server.fleet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long accountId, String login, String passwordHash, UserRole role, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into app_user (account_id, login, password_hash, role, created_at) values (?, ?, ?, ?, ?)")
                .params(accountId, login, passwordHash, role.name(), now)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private static final String SELECT = """
            select u.id, u.login, u.role, u.blocked, u.password_set_at, a.id as account_id, a.number, a.name
              from app_user u join account a on a.id = u.account_id and a.closed_at is null
            """;

    Optional<AppUser> find(long accountId, String login) {
        return jdbc.sql(SELECT + " where u.account_id = ? and u.login = ?").params(accountId, login)
                .query(UserRepository::user).optional();
    }

    Optional<AppUser> find(long accountId, long userId) {
        return jdbc.sql(SELECT + " where u.account_id = ? and u.id = ?").params(accountId, userId)
                .query(UserRepository::user).optional();
    }

    List<AppUser> list(long accountId) {
        return jdbc.sql(SELECT + " where u.account_id = ? order by u.login").param(accountId)
                .query(UserRepository::user).list();
    }

    int setBlocked(long accountId, long userId, boolean blocked) {
        return jdbc.sql("update app_user set blocked = ? where account_id = ? and id = ?")
                .params(blocked, accountId, userId).update();
    }

    int setRole(long accountId, long userId, UserRole role) {
        return jdbc.sql("update app_user set role = ? where account_id = ? and id = ?")
                .params(role.name(), accountId, userId).update();
    }

    int setPasswordHash(long accountId, long userId, String passwordHash, OffsetDateTime now) {
        return jdbc.sql("update app_user set password_hash = ?, password_set_at = ? where account_id = ? and id = ?")
                .params(passwordHash, now, accountId, userId).update();
    }

    /**
     * The account's administrators who can log in, locked until the transaction ends: two
     * administrators demoting each other at once must not both succeed.
     */
    List<Long> lockActiveAdmins(long accountId) {
        return jdbc.sql("select id from app_user where account_id = ? and role = 'ADMIN' and blocked = false order by id for update")
                .param(accountId).query(Long.class).list();
    }

    private static AppUser user(ResultSet rs, int row) throws SQLException {
        return new AppUser(rs.getLong("id"),
                new Account(rs.getLong("account_id"), rs.getString("number"), rs.getString("name")),
                rs.getString("login"), UserRole.valueOf(rs.getString("role")), rs.getBoolean("blocked"),
                rs.getObject("password_set_at", OffsetDateTime.class));
    }

    String passwordHash(long userId) {
        return jdbc.sql("select password_hash from app_user where id = ?").param(userId).query(String.class).single();
    }
}
