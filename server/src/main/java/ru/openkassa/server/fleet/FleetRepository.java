package ru.openkassa.server.fleet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class FleetRepository {

    private static final String GROUP_SELECT = """
            select g.id, g.account_id, g.code, g.name, g.legal_entity_id, e.inn, e.tax_systems,
                   g.payment_address, g.deadline_policy, g.callback_secret
              from register_group g
              join legal_entity e on e.id = g.legal_entity_id and e.account_id = g.account_id
            """;

    private final JdbcClient jdbc;

    FleetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertAccount(String number, String name, OffsetDateTime now) {
        return insert("insert into account (number, name, created_at) values (?, ?, ?)", number, name, now);
    }

    Optional<Long> findAccountByNumber(String number) {
        return jdbc.sql("select id from account where number = ? and closed_at is null").param(number).query(Long.class).optional();
    }

    List<Long> findAccountsByName(String name) {
        return jdbc.sql("select id from account where lower(name) = lower(?) and closed_at is null").param(name).query(Long.class).list();
    }

    Optional<Account> findAccount(long accountId) {
        return jdbc.sql("select id, number, name from account where id = ?").param(accountId)
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("number"), rs.getString("name")))
                .optional();
    }

    List<LegalEntity> legalEntities(long accountId) {
        return jdbc.sql("select id, account_id, name, inn, tax_systems, email, address from legal_entity where account_id = ? order by name")
                .param(accountId)
                .query((rs, n) -> new LegalEntity(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                        rs.getString("inn"), rs.getInt("tax_systems"), rs.getString("email"), rs.getString("address")))
                .list();
    }

    boolean groupCodeTaken(String code) {
        return jdbc.sql("select count(*) from register_group where code = ?").param(code).query(Long.class).single() > 0;
    }

    boolean groupNameTaken(long accountId, String name, long exceptGroupId) {
        return jdbc.sql("select count(*) from register_group where account_id = ? and lower(name) = lower(?) and id <> ?")
                .params(accountId, name, exceptGroupId).query(Long.class).single() > 0;
    }

    int renameGroup(long accountId, long groupId, String name) {
        return jdbc.sql("update register_group set name = ? where account_id = ? and id = ?")
                .params(name, accountId, groupId).update();
    }

    long groupMembers(long accountId, long groupId) {
        return jdbc.sql("select count(*) from register_group_member where account_id = ? and group_id = ?")
                .params(accountId, groupId).query(Long.class).single();
    }

    /** API logins that may send receipts to the group, but for one (0 for none). */
    long groupApiLogins(long accountId, long groupId, long exceptCredentialId) {
        return jdbc.sql("select count(*) from api_credential_group where account_id = ? and group_id = ? and credential_id <> ?")
                .params(accountId, groupId, exceptCredentialId).query(Long.class).single();
    }

    void forbidGroup(long accountId, long credentialId, long groupId) {
        jdbc.sql("delete from api_credential_group where account_id = ? and credential_id = ? and group_id = ?")
                .params(accountId, credentialId, groupId).update();
    }

    int deleteGroup(long accountId, long groupId) {
        return jdbc.sql("delete from register_group where account_id = ? and id = ?").params(accountId, groupId).update();
    }

    long insertLegalEntity(long accountId, String name, String inn, int taxSystems, String email, String address) {
        return insert("insert into legal_entity (account_id, name, inn, tax_systems, email, address) values (?, ?, ?, ?, ?, ?)",
                accountId, name, inn, taxSystems, email, address);
    }

    int updateLegalEntityAddress(long accountId, long legalEntityId, String address) {
        return jdbc.sql("update legal_entity set address = ? where account_id = ? and id = ?")
                .params(address, accountId, legalEntityId).update();
    }

    Optional<Long> findLegalEntityByInn(long accountId, String inn) {
        return jdbc.sql("select id from legal_entity where account_id = ? and inn = ?").params(accountId, inn)
                .query(Long.class).optional();
    }

    Optional<LegalEntity> findLegalEntity(long accountId, String inn) {
        return jdbc.sql("select id, account_id, name, inn, tax_systems, email, address from legal_entity where account_id = ? and inn = ?")
                .params(accountId, inn)
                .query((rs, row) -> new LegalEntity(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                        rs.getString("inn"), rs.getInt("tax_systems"), rs.getString("email"), rs.getString("address")))
                .optional();
    }

    long insertGroup(long accountId, String code, String name, long legalEntityId, String paymentAddress,
            DeadlinePolicy policy, String callbackSecret) {
        return insert("""
                insert into register_group (account_id, code, name, legal_entity_id, payment_address,
                                            deadline_policy, callback_secret)
                values (?, ?, ?, ?, ?, ?, ?)""",
                accountId, code, name, legalEntityId, paymentAddress, policy.name(), callbackSecret);
    }

    long insertCredential(long accountId, String login, String passwordHash, OffsetDateTime now) {
        return insert("insert into api_credential (account_id, login, password_hash, created_at) values (?, ?, ?, ?)",
                accountId, login, passwordHash, now);
    }

    void allowGroup(long accountId, long credentialId, long groupId) {
        jdbc.sql("insert into api_credential_group (account_id, credential_id, group_id) values (?, ?, ?)")
                .params(accountId, credentialId, groupId).update();
    }

    Optional<RoutingGroup> findGroupByCode(String code) {
        return jdbc.sql(GROUP_SELECT + " where g.code = ?").param(code).query(FleetRepository::group).optional();
    }

    List<RoutingGroup> groups(long accountId) {
        return jdbc.sql(GROUP_SELECT + " where g.account_id = ? order by g.code").param(accountId)
                .query(FleetRepository::group).list();
    }

    Optional<RoutingGroup> findGroup(long accountId, long groupId) {
        return jdbc.sql(GROUP_SELECT + " where g.account_id = ? and g.id = ?").params(accountId, groupId)
                .query(FleetRepository::group).optional();
    }

    Optional<StoredCredential> findCredential(String login) {
        return jdbc.sql("select id, account_id, login, password_hash, blocked from api_credential where login = ?")
                .param(login)
                .query((rs, n) -> new StoredCredential(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("login"), rs.getString("password_hash"), rs.getBoolean("blocked")))
                .optional();
    }

    Optional<StoredCredential> findCredential(long accountId, long credentialId) {
        return jdbc.sql("select id, account_id, login, password_hash, blocked from api_credential"
                        + " where account_id = ? and id = ?")
                .params(accountId, credentialId)
                .query((rs, n) -> new StoredCredential(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("login"), rs.getString("password_hash"), rs.getBoolean("blocked")))
                .optional();
    }

    Set<Long> allowedGroups(long accountId, long credentialId) {
        List<Long> ids = jdbc.sql("select group_id from api_credential_group where account_id = ? and credential_id = ?")
                .params(accountId, credentialId).query(Long.class).list();
        return Set.copyOf(new HashSet<>(ids));
    }

    private long insert(String sql, Object... params) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private static RoutingGroup group(ResultSet rs, int row) throws SQLException {
        return new RoutingGroup(rs.getLong("id"), rs.getLong("account_id"), rs.getString("code"),
                rs.getString("name"), rs.getLong("legal_entity_id"), rs.getString("inn"), rs.getInt("tax_systems"),
                rs.getString("payment_address"), DeadlinePolicy.valueOf(rs.getString("deadline_policy")),
                rs.getString("callback_secret"));
    }

    record StoredCredential(long id, long accountId, String login, String passwordHash, boolean blocked) {
    }
}
