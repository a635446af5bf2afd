package ru.openkassa.server.fleet;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import ru.openkassa.server.platform.signal.ClusterSignals;
import org.springframework.transaction.annotation.Transactional;

import ru.openkassa.server.fleet.RegisterTransfer.Outcome;
import ru.openkassa.server.fleet.RegisterTransfer.State;

/**
 * Moving a register to another account, which the register makers' servers cannot do: the owner
 * offers it to an account by number, that account accepts it into one of its legal entities (or
 * rejects it). The register keeps its ID and serial, so nobody reprograms it; it leaves its groups;
 * the receipts it made stay with the account that owned it then, and the earlier owners are kept
 * in {@code register_ownership}.
 */
@Service
public class RegisterTransfers {

    private static final String SELECT = """
            select t.id, t.register_pk, r.name as register_name, r.register_id, t.state, t.offered_by, t.offered_at,
                   f.id as from_id, f.number as from_number, f.name as from_name,
                   d.id as to_id, d.number as to_number, d.name as to_name
              from register_transfer t
              join cash_register r on r.id = t.register_pk
              join account f on f.id = t.account_id
              join account d on d.id = t.to_account_id
            """;

    private final JdbcClient jdbc;
    private final RegisterRepository registers;
    private final FleetRepository fleet;
    private final ClusterSignals signals;
    private final ReceiptsKept receipts;
    private final Clock clock;

    RegisterTransfers(JdbcClient jdbc, RegisterRepository registers, FleetRepository fleet, ClusterSignals signals,
            ReceiptsKept receipts, Clock clock) {
        this.jdbc = jdbc;
        this.receipts = receipts;
        this.registers = registers;
        this.fleet = fleet;
        this.signals = signals;
        this.clock = clock;
    }

    @Transactional
    public Outcome offer(long accountId, long registerPk, String toAccountNumber, String offeredBy) {
        Optional<Register> register = registers.find(accountId, registerPk);
        if (register.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (register.get().isRetired()) {
            return Outcome.REGISTER_RETIRED;
        }
        Optional<Long> to = fleet.findAccountByNumber(toAccountNumber == null ? "" : toAccountNumber.trim());
        if (to.isEmpty()) {
            return Outcome.NO_SUCH_ACCOUNT;
        }
        if (to.get() == accountId) {
            return Outcome.SAME_ACCOUNT;
        }
        if (pending(accountId, registerPk).isPresent()) {
            return Outcome.ALREADY_OFFERED;
        }
        jdbc.sql("""
                insert into register_transfer (account_id, register_pk, to_account_id, state, offered_by, offered_at)
                values (?, ?, ?, 'OFFERED', ?, ?)""")
                .params(accountId, registerPk, to.get(), offeredBy, OffsetDateTime.now(clock)).update();
        return Outcome.OFFERED;
    }

    /** The register's offer still waiting for an answer, seen by its owner. */
    public Optional<RegisterTransfer> pending(long accountId, long registerPk) {
        return jdbc.sql(SELECT + " where t.account_id = ? and t.register_pk = ? and t.state = 'OFFERED'")
                .params(accountId, registerPk).query(RegisterTransfers::transfer).optional();
    }

    /** An earlier owner of a register and until when it owned it. */
    public record Ownership(Account account, OffsetDateTime until) {
    }

    /** The register's earlier owners, oldest first; only the register's current owner may ask. */
    public List<Ownership> history(long accountId, long registerPk) {
        if (registers.find(accountId, registerPk).isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select a.id, a.number, a.name, o.owned_until from register_ownership o"
                        + " join account a on a.id = o.account_id where o.register_pk = ? order by o.owned_until")
                .param(registerPk)
                .query((rs, n) -> new Ownership(new Account(rs.getLong("id"), rs.getString("number"), rs.getString("name")),
                        rs.getObject("owned_until", OffsetDateTime.class)))
                .list();
    }

    /** Offers made to this account and not yet answered. */
    public List<RegisterTransfer> incoming(long accountId) {
        return jdbc.sql(SELECT + " where t.to_account_id = ? and t.state = 'OFFERED' order by t.offered_at")
                .param(accountId).query(RegisterTransfers::transfer).list();
    }

    /** An offer made to this account and not yet answered. */
    public Optional<RegisterTransfer> findIncoming(long accountId, long transferId) {
        return jdbc.sql(SELECT + " where t.to_account_id = ? and t.id = ? and t.state = 'OFFERED'")
                .params(accountId, transferId).query(RegisterTransfers::transfer).optional();
    }

    @Transactional
    public boolean cancel(long accountId, long transferId, String by) {
        return decide("account_id", accountId, transferId, State.CANCELLED, by);
    }

    @Transactional
    public boolean reject(long accountId, long transferId, String by) {
        return decide("to_account_id", accountId, transferId, State.REJECTED, by);
    }

    /** Moves the register into the accepting account's legal entity. */
    @Transactional
    public Outcome accept(long accountId, long transferId, long legalEntityId, String by) {
        Optional<RegisterTransfer> transfer = findIncoming(accountId, transferId);
        if (transfer.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (fleet.legalEntities(accountId).stream().noneMatch(e -> e.id() == legalEntityId)) {
            return Outcome.LEGAL_ENTITY_NOT_FOUND;
        }
        long from = transfer.get().from().id();
        long registerPk = transfer.get().registerPk();
        if (receipts.unfinishedOnRegister(from, registerPk) > 0) {
            return Outcome.UNFINISHED_RECEIPTS;
        }
        Register register = registers.find(from, registerPk).orElse(null);
        if (register == null || register.isRetired() || !decide("to_account_id", accountId, transferId, State.ACCEPTED, by)) {
            return Outcome.NOT_FOUND;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("insert into register_ownership (register_pk, account_id, legal_entity_id, owned_until) values (?, ?, ?, ?)")
                .params(registerPk, from, register.legalEntityId(), now).update();
        registers.removeMembers(from, registerPk);
        registers.changeOwner(from, registerPk, accountId, legalEntityId);
        RegisterService.revokeAfterCommit(signals, registerPk);
        return Outcome.MOVED;
    }

    private boolean decide(String party, long accountId, long transferId, State state, String by) {
        return jdbc.sql("update register_transfer set state = ?, decided_by = ?, decided_at = ?"
                        + " where " + party + " = ? and id = ? and state = 'OFFERED'")
                .params(state.name(), by, OffsetDateTime.now(clock), accountId, transferId).update() == 1;
    }

    private static RegisterTransfer transfer(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new RegisterTransfer(rs.getLong("id"), rs.getLong("register_pk"), rs.getString("register_name"),
                rs.getString("register_id"),
                new Account(rs.getLong("from_id"), rs.getString("from_number"), rs.getString("from_name")),
                new Account(rs.getLong("to_id"), rs.getString("to_number"), rs.getString("to_name")),
                State.valueOf(rs.getString("state")), rs.getString("offered_by"),
                rs.getObject("offered_at", OffsetDateTime.class));
    }
}
