package ru.openkassa.server.fleet;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.openkassa.core.register.RegisterId;
import ru.openkassa.server.platform.signal.ClusterSignals;

/**
 * Registers of the fleet: creation with a server-issued ID, its binding to a serial number on the
 * first contact, re-issue and retirement.
 */
@Service
public class RegisterService {

    /**
     * Signal topic: a register's ID stopped working (re-issued, retired); the payload is the
     * register's primary key. Nodes that cache device sessions drop the register's at once.
     */
    public static final String ID_REVOKED_SIGNAL = "fleet.register-id-revoked";

    /**
     * Signal topic: what a register may do changed (groups, owner, registration, ID, retirement);
     * the payload is the register's primary key, sent after the change commits.
     */
    public static final String CHANGED_SIGNAL = "fleet.register-changed";

    private final RegisterRepository registers;
    private final FleetRepository fleet;
    private final ClusterSignals signals;
    private final Clock clock;

    RegisterService(RegisterRepository registers, FleetRepository fleet, ClusterSignals signals, Clock clock) {
        this.registers = registers;
        this.fleet = fleet;
        this.signals = signals;
        this.clock = clock;
    }

    /**
     * Adds a register to the account and issues its ID. The register may join groups of its own
     * legal entity only: a group routes one entity's receipts.
     */
    @Transactional
    public Register create(long accountId, long legalEntityId, String name, ZoneId timezone, Collection<Long> groupIds) {
        checkGroups(accountId, legalEntityId, groupIds);
        String registerId = RegisterId.issue(registers.nextRegisterSequence()).toString();
        long id = registers.insert(accountId, legalEntityId, registerId, name, timezone, OffsetDateTime.now(clock));
        for (long groupId : groupIds) {
            registers.addMember(accountId, id, groupId);
        }
        return registers.find(accountId, id).orElseThrow();
    }

    /** Renames the register and sets the groups it is a member of (of its own legal entity only). */
    @Transactional
    public Register update(long accountId, long registerPk, String name, Collection<Long> groupIds) {
        Register register = registers.find(accountId, registerPk)
                .orElseThrow(() -> new IllegalArgumentException("no register " + registerPk + " in account " + accountId));
        checkGroups(accountId, register.legalEntityId(), groupIds);
        registers.rename(accountId, registerPk, name);
        registers.removeMembers(accountId, registerPk);
        for (long groupId : Set.copyOf(groupIds)) {
            registers.addMember(accountId, registerPk, groupId);
        }
        return registers.find(accountId, registerPk).orElseThrow();
    }

    private void checkGroups(long accountId, long legalEntityId, Collection<Long> groupIds) {
        for (long groupId : groupIds) {
            RoutingGroup group = fleet.findGroup(accountId, groupId)
                    .orElseThrow(() -> new IllegalArgumentException("group " + groupId + " is not in account " + accountId));
            if (group.legalEntityId() != legalEntityId) {
                throw new IllegalArgumentException("group " + group.code() + " belongs to another legal entity");
            }
        }
    }

    public Optional<Register> find(long accountId, long registerPk) {
        return registers.find(accountId, registerPk);
    }

    public List<Register> list(long accountId) {
        return registers.list(accountId);
    }

    /** An active register by the ID typed into it. */
    public Optional<Register> findActive(String registerId) {
        return registers.findByRegisterId(registerId).filter(r -> !r.isRetired());
    }

    public boolean groupHasMatchingRegister(long accountId, long groupId) {
        return registers.groupHasMatchingRegister(accountId, groupId);
    }

    /** The first hello binds the serial; later ones must come from the same serial. */
    @Transactional
    public HelloOutcome hello(String registerId, RegisterFacts facts) {
        Optional<Register> found = registers.findByRegisterId(registerId);
        if (found.isEmpty()) {
            return new HelloOutcome.UnknownRegister();
        }
        if (found.get().isRetired()) {
            return new HelloOutcome.RetiredRegister(found.get().retiredAt());
        }
        Register register = found.get();
        if (register.serial() != null && !register.serial().equals(facts.serial())) {
            return new HelloOutcome.SerialMismatch(register.serial());
        }
        if (!registers.bindSerial(register.id(), facts.serial(), OffsetDateTime.now(clock))) {
            // another hello with another serial won the race for the same fresh ID
            return new HelloOutcome.SerialMismatch(registers.find(register.accountId(), register.id()).orElseThrow().serial());
        }
        registers.updateFacts(register.id(), facts);
        return new HelloOutcome.Known(registers.find(register.accountId(), register.id()).orElseThrow());
    }

    /**
     * Issues a new ID: the old one stops working at once (its device sessions end) and the register
     * must be reprogrammed; the serial is bound again by the next hello. The old ID's device
     * sessions end with it on every node ({@link #ID_REVOKED_SIGNAL}).
     */
    @Transactional
    public Register reissueId(long accountId, long registerPk) {
        String registerId = RegisterId.issue(registers.nextRegisterSequence()).toString();
        if (registers.replaceRegisterId(accountId, registerPk, registerId) == 0) {
            throw new IllegalArgumentException("no register " + registerPk + " in account " + accountId);
        }
        revokeAfterCommit(signals, registerPk);
        return registers.find(accountId, registerPk).orElseThrow();
    }

    /** Retires the register: its ID stops working; false when it was not an active register of the account. */
    @Transactional
    public boolean retire(long accountId, long registerPk) {
        if (registers.retire(accountId, registerPk, OffsetDateTime.now(clock)) != 1) {
            return false;
        }
        revokeAfterCommit(signals, registerPk);
        return true;
    }

    /**
     * Ends the register's device sessions on every node once the transaction that changed its ID
     * or owner commits: after the commit, so that a node woken by the signal reads the new state.
     */
    static void revokeAfterCommit(ClusterSignals signals, long registerPk) {
        signals.publishAfterCommit(ID_REVOKED_SIGNAL, Long.toString(registerPk));
    }
}
