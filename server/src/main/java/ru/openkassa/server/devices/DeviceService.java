package ru.openkassa.server.devices;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import ru.openkassa.server.fleet.Register;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.platform.signal.ClusterSignals;
import ru.openkassa.server.receipts.ClaimingRegister;
import ru.openkassa.server.receipts.JobError;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptTask;

/** The register's side of the queue: long-polls for work (receipts routed by group and legal entity, diagnostics). */
@Service
class DeviceService {

    private static final Logger log = LoggerFactory.getLogger(DeviceService.class);
    /** A receipt per poll: a register that finishes one asks again at once, so work spreads over the group. */
    private static final int TASKS_PER_POLL = 1;
    /**
     * A change of the register is signalled at once; the lifetime only bounds a missed signal (the
     * publishing node died between its commit and the signal). Polls come every ~25 s: a lifetime of
     * seconds would never hit in an idle fleet, where the polls are the whole load.
     */
    private static final long REGISTER_CACHE_NANOS = Duration.ofMinutes(5).toNanos();
    private static final long TOUCH_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
    private final Map<Long, CachedRegister> registerCache = new ConcurrentHashMap<>();
    private final ChangeTimes changes = new ChangeTimes();
    private final Map<Long, Long> lastTouch = new ConcurrentHashMap<>();

    private final RegisterService registers;
    private final FleetService fleet;
    private final ReceiptService receipts;
    private final WorkWaiters waiters;
    private final RegisterDiagnostics diagnostics;
    private final PollTouches touches;
    private final DeviceAdmission admission;

    DeviceService(RegisterService registers, FleetService fleet, ReceiptService receipts, WorkWaiters waiters,
            RegisterDiagnostics diagnostics, PollTouches touches, DeviceAdmission admission, ClusterSignals signals) {
        // a re-issued or retired ID is a change too (the same write sends both signals)
        signals.subscribe(RegisterService.CHANGED_SIGNAL, payload -> changed(Long.parseLong(payload)));
        signals.onGap(registerCache::clear);
        this.diagnostics = diagnostics;
        this.touches = touches;
        this.admission = admission;
        this.registers = registers;
        this.fleet = fleet;
        this.receipts = receipts;
        this.waiters = waiters;
    }

    /** What a poll gives: the diagnostics asked of the register, else receipts. */
    record Work(List<RegisterDiagnostics.Task> diagnostics, List<ReceiptTask> receipts) {
        static final Work NONE = new Work(List.of(), List.of());

        boolean isEmpty() {
            return diagnostics.isEmpty() && receipts.isEmpty();
        }
    }

    /**
     * Work for the register, as soon as there is some, or none when {@code wait} ends. Its first
     * queries hold a place among the device calls in progress ({@link DeviceAdmission}); the wait
     * and the claims after a wake do not.
     */
    Work poll(DeviceSession session, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        DeviceAdmission.Permit permit = admission.enter();
        try {
            touchPoll(session);
            Optional<Register> found = register(session);
            // a register that may take no receipts still answers diagnostics: that is how one finds out why
            ClaimingRegister claiming = null;
            Collection<Long> groupIds = List.of();
            if (found.isPresent() && !found.get().groupIds().isEmpty()) {
                Register register = found.get();
                if (register.registrationMatchesEntity()) {
                    claiming = new ClaimingRegister(register.id(), register.registerId(), register.accountId(),
                            register.legalEntityId(), register.groupIds());
                    groupIds = register.groupIds();
                } else {
                    failReceiptsNoRegisterMayTake(register);
                }
            }
            boolean woken = false;
            while (true) {
                WorkWaiters.Waiter waiter = waiters.register(session.registerPk(), groupIds);
                try {
                    List<RegisterDiagnostics.Task> asked = diagnostics.claim(session);
                    Work work = !asked.isEmpty() || claiming == null ? new Work(asked, List.of())
                            : new Work(List.of(), receipts.claim(claiming, TASKS_PER_POLL, woken));
                    permit.close();
                    long left = deadline - System.nanoTime();
                    if (!work.isEmpty() || left <= 0) {
                        return work;
                    }
                    if (!waiter.await(Duration.ofNanos(left).toMillis())) {
                        return Work.NONE;
                    }
                    woken = true;
                    // a woken claim takes no place: there is at most one per receipt, and queueing it
                    // behind the fleet's new polls would delay the very receipt that woke it
                } finally {
                    waiters.unregister(waiter, session.registerPk(), groupIds);
                }
            }
        } finally {
            permit.close();
        }
    }

    /**
     * The register as the fleet knows it, cached on this node until the fleet signals a change of it
     * (or a few minutes pass): an idle fleet's polls would otherwise read every register again and
     * again. Its ID is checked on every call by the session, so a re-issued ID still ends its polls at once.
     */
    private Optional<Register> register(DeviceSession session) {
        long now = System.nanoTime();
        CachedRegister cached = registerCache.get(session.registerPk());
        if (cached != null && now - cached.loadedAt() < REGISTER_CACHE_NANOS) {
            return cached.register();
        }
        Optional<Register> register = registers.find(session.accountId(), session.registerPk());
        if (!changes.changedSince(session.registerPk(), now)) {
            if (registerCache.size() > 100_000) {
                registerCache.clear();
            }
            registerCache.put(session.registerPk(), new CachedRegister(register, now));
        }
        return register;
    }

    private void changed(long registerPk) {
        changes.changed(registerPk);
        registerCache.remove(registerPk);
    }

    /** "Last contact" needs seconds, not every poll: one per register per few seconds, written in batches. */
    private void touchPoll(DeviceSession session) {
        long now = System.nanoTime();
        Long last = lastTouch.get(session.registerPk());
        if (last == null || now - last > TOUCH_INTERVAL_NANOS) {
            lastTouch.put(session.registerPk(), now);
            touches.touch(session);
        }
    }

    private record CachedRegister(Optional<Register> register, long loadedAt) {
    }

    /**
     * A register registered with another INN than its legal entity's must not fiscalize the
     * entity's receipts. If no register of the group may, the receipts fail now with the reason
     * rather than time out with none.
     */
    private void failReceiptsNoRegisterMayTake(Register register) {
        for (long groupId : register.groupIds()) {
            if (registers.groupHasMatchingRegister(register.accountId(), groupId)) {
                continue;
            }
            String group = fleet.findGroup(register.accountId(), groupId).map(RoutingGroup::code).orElse("?");
            JobError reason = new JobError(2, "agent", "ККТ " + register.registerId() + " зарегистрирована на ИНН "
                    + register.registrationInn() + ", а чеки группы " + group + " — для ИНН " + register.entityInn()
                    + ": в группе нет ККТ с нужным ИНН. Перерегистрируйте ККТ или добавьте в группу ККТ этой организации");
            int failed = receipts.failUnroutable(register.accountId(), groupId, register.legalEntityId(), reason);
            if (failed > 0) {
                log.warn("{} receipts of group {} failed: register {} has INN {}, the group needs {}", failed, group,
                        register.registerId(), register.registrationInn(), register.entityInn());
            }
        }
    }
}
