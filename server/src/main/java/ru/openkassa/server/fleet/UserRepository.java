package ru.openkassa.server.fleet;

import java.time.OffsetDateTime;
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

    Optional<AppUser> find(long accountId, String login) {
        return jdbc.sql("""
                select u.id, u.login, u.role, u.blocked, a.id as account_id, a.number, a.name
                  from app_user u join account a on a.id = u.account_id
                 where u.account_id = ? and u.login = ?""")
                .params(accountId, login)
                .query((rs, n) -> new AppUser(rs.getLong("id"),
                        new Account(rs.getLong("account_id"), rs.getString("number"), rs.getString("name")),
                        rs.getString("login"), UserRole.valueOf(rs.getString("role")), rs.getBoolean("blocked")))
                .optional();
    }

    String passwordHash(long userId) {
        return jdbc.sql("select password_hash from app_user where id = ?").param(userId).query(String.class).single();
    }
}
