package ru.openkassa.server.receipts;

import org.springframework.stereotype.Component;

import ru.openkassa.server.fleet.ReceiptsKept;

/** Answers the fleet's questions about receipts straight from the jobs' table. */
@Component
class ReceiptsOfFleet implements ReceiptsKept {

    private final FiscalJobRepository jobs;

    ReceiptsOfFleet(FiscalJobRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public boolean anyInGroup(long accountId, long groupId) {
        return !jobs.page(accountId, new JobFilter(groupId, null, null), null, 1).isEmpty();
    }

    @Override
    public long unfinishedOnRegister(long accountId, long registerPk) {
        return jobs.unfinishedOnRegister(accountId, registerPk);
    }
}
