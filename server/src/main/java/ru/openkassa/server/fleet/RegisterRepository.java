package ru.openkassa.server.fleet;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import ru.openkassa.server.platform.DatabaseVendor;
import ru.openkassa.server.platform.signal.ClusterSignals;

@Repository
class RegisterRepository {

    private static final String SELECT = """
            select r.id, r.account_id, r.legal_entity_id, e.inn as entity_inn, r.register_id, r.name, r.timezone,
                   r.serial, r.model, r.firmware, r.fn_number, r.fn_expires_at, r.ffd_version, r.registration_number,
                   r.registration_inn, r.registration_tax_systems, r.created_at, r.first_seen_at, r.retired_at
              from cash_register r
              join legal_entity e on e.id = r.legal_entity_id and e.account_id = r.account_id
            """;

    private final JdbcClient jdbc;
    private final DatabaseVendor vendor;
    private final ClusterSignals signals;

    RegisterRepository(JdbcClient jdbc, DatabaseVendor vendor, ClusterSignals signals) {
        this.jdbc = jdbc;
        this.vendor = vendor;
        this.signals = signals;
    }

    /**
     * Every write of what a register may do (groups, owner, registration, ID, retirement) tells the
     * nodes that cache it, after the commit: here, so that no write path can forget it.
     */
    private void changed(long registerPk) {
        signals.publishAfterCommit(RegisterService.CHANGED_SIGNAL, Long.toString(registerPk));
    }

    long nextRegisterSequence() {
        return jdbc.sql(vendor.nextValue("register_id_seq")).query(Long.class).single();
    }

    long insert(long accountId, long legalEntityId, String registerId, String name, ZoneId zone, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into cash_register (account_id, legal_entity_id, register_id, name, timezone, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(accountId, legalEntityId, registerId, name, zone.getId(), now)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void addMember(long accountId, long registerPk, long groupId) {
        jdbc.sql("insert into register_group_member (account_id, register_pk, group_id) values (?, ?, ?)")
                .params(accountId, registerPk, groupId).update();
        changed(registerPk);
    }

    void rename(long accountId, long registerPk, String name) {
        jdbc.sql("update cash_register set name = ? where account_id = ? and id = ?").params(name, accountId, registerPk)
                .update();
    }

    /** Hands the register to another account; device sessions of the old owner end with it (they carry the account). */
    void changeOwner(long accountId, long registerPk, long newAccountId, long newLegalEntityId) {
        jdbc.sql("update cash_register set account_id = ?, legal_entity_id = ? where account_id = ? and id = ?")
                .params(newAccountId, newLegalEntityId, accountId, registerPk).update();
        changed(registerPk);
    }

    void removeMembers(long accountId, long registerPk) {
        jdbc.sql("delete from register_group_member where account_id = ? and register_pk = ?")
                .params(accountId, registerPk).update();
        changed(registerPk);
    }

    Optional<Register> find(long accountId, long registerPk) {
        return withGroups(jdbc.sql(SELECT + " where r.account_id = ? and r.id = ?").params(accountId, registerPk)
                .query(RegisterRepository::register).list()).stream().findFirst();
    }

    Optional<Register> findByRegisterId(String registerId) {
        return withGroups(jdbc.sql(SELECT + " where r.register_id = ?").param(registerId)
                .query(RegisterRepository::register).list()).stream().findFirst();
    }

    List<Register> list(long accountId) {
        return withGroups(jdbc.sql(SELECT + " where r.account_id = ? order by r.id").param(accountId)
                .query(RegisterRepository::register).list());
    }

    /** Binds the serial on the first hello only; false when another serial is already bound. */
    boolean bindSerial(long registerPk, String serial, OffsetDateTime now) {
        jdbc.sql("update cash_register set serial = ?, first_seen_at = ? where id = ? and serial is null")
                .params(serial, now, registerPk).update();
        return jdbc.sql("select serial from cash_register where id = ?").param(registerPk).query(String.class)
                .single().equals(serial);
    }

    void updateFacts(long registerPk, RegisterFacts facts) {
        jdbc.sql("""
                update cash_register set model = ?, firmware = ?, fn_number = ?, fn_expires_at = ?, ffd_version = ?,
                       registration_number = ?, registration_inn = ?, registration_tax_systems = ?
                 where id = ?""")
                .params(facts.model(), facts.firmware(), facts.fnNumber(),
                        facts.fnExpiresAt() == null ? null : Date.valueOf(facts.fnExpiresAt()), facts.ffdVersion(),
                        facts.registrationNumber(), facts.registrationInn(), facts.registrationTaxSystems(), registerPk)
                .update();
        changed(registerPk);
    }

    int replaceRegisterId(long accountId, long registerPk, String newRegisterId) {
        changed(registerPk);
        return jdbc.sql("update cash_register set register_id = ?, serial = null where account_id = ? and id = ?")
                .params(newRegisterId, accountId, registerPk).update();
    }

    int retire(long accountId, long registerPk, OffsetDateTime now) {
        changed(registerPk);
        return jdbc.sql("update cash_register set retired_at = ? where account_id = ? and id = ? and retired_at is null")
                .params(now, accountId, registerPk).update();
    }

    /** Whether an active register of the group is registered with the INN of its legal entity. */
    boolean groupHasMatchingRegister(long accountId, long groupId) {
        return jdbc.sql("""
                select count(*) from register_group_member m
                  join cash_register r on r.id = m.register_pk and r.account_id = m.account_id
                  join legal_entity e on e.id = r.legal_entity_id
                 where m.account_id = ? and m.group_id = ? and r.retired_at is null and r.registration_inn = e.inn""")
                .params(accountId, groupId).query(Long.class).single() > 0;
    }

    /** The registers' rows carry no groups: they come here. */
    private static Register register(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        Date fnExpires = rs.getDate("fn_expires_at");
        return new Register(id, rs.getLong("account_id"), rs.getLong("legal_entity_id"), rs.getString("entity_inn"),
                rs.getString("register_id"), rs.getString("name"), ZoneId.of(rs.getString("timezone")),
                rs.getString("serial"), rs.getString("model"), rs.getString("firmware"), rs.getString("fn_number"),
                fnExpires == null ? null : fnExpires.toLocalDate(), rs.getString("ffd_version"),
                rs.getString("registration_number"), rs.getString("registration_inn"),
                rs.getInt("registration_tax_systems"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("first_seen_at", OffsetDateTime.class), rs.getObject("retired_at", OffsetDateTime.class),
                Set.of());
    }

    /**
     * Group memberships of the registers, read after their rows, never from inside a row mapper: a
     * query nested in another's result set takes a second pooled connection while holding the first,
     * and a pool full of such holders waits for itself.
     */
    private List<Register> withGroups(List<Register> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Set<Long>> groups = new HashMap<>();
        jdbc.sql("select register_pk, group_id from register_group_member where register_pk in (:ids)")
                .param("ids", rows.stream().map(Register::id).toList())
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list()
                .forEach(m -> groups.computeIfAbsent(m.getKey(), k -> new HashSet<>()).add(m.getValue()));
        return rows.stream().map(r -> r.withGroups(groups.getOrDefault(r.id(), Set.of()))).toList();
    }
}
