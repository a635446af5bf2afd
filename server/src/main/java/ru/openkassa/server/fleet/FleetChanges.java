package ru.openkassa.server.fleet;

import java.util.HashSet;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.openkassa.server.platform.signal.ClusterSignals;

/**
 * Tells every node that a register changed (groups, owner, registration, ID, retirement), once
 * the change commits, so that nodes caching what a register may do read it afresh. The register
 * repository calls it from every write of those facts: a path that forgot would leave a stale
 * cache until its lifetime ends.
 */
@Component
class FleetChanges {

    private final ClusterSignals signals;

    FleetChanges(ClusterSignals signals) {
        this.signals = signals;
    }

    void changed(long registerPk) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            signals.publish(RegisterService.CHANGED_SIGNAL, Long.toString(registerPk));
            return;
        }
        // one signal per register per transaction, after its commit: a node woken by it reads the new state
        Object key = FleetChanges.class;
        @SuppressWarnings("unchecked")
        Set<Long> registers = (Set<Long>) TransactionSynchronizationManager.getResource(key);
        if (registers == null) {
            Set<Long> pending = new HashSet<>();
            registers = pending;
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    for (long register : pending) {
                        signals.publish(RegisterService.CHANGED_SIGNAL, Long.toString(register));
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        registers.add(registerPk);
    }
}
