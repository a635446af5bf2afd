package ru.openkassa.server.fleet;

/**
 * What the receipts feature keeps that the fleet must respect: a receipt names its group and its
 * register for good. The receipts feature answers; the fleet asks before it deletes a group or
 * moves a register, whoever asked it to (a console page or the API).
 */
public interface ReceiptsKept {

    /** Whether the group ever had a receipt: then it stays, so that the receipt keeps its group. */
    boolean anyInGroup(long accountId, long groupId);

    /**
     * Receipts the register holds that are not finished (given to it and not fiscalized, or not yet
     * confirmed by the OFD): their answers come back under its account, so it cannot move yet.
     */
    long unfinishedOnRegister(long accountId, long registerPk);
}
