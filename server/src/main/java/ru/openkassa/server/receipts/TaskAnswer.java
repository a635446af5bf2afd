package ru.openkassa.server.receipts;

/** How the queue took a register's ack or result for a job. */
public enum TaskAnswer {
    /** Recorded now. */
    RECORDED,
    /** The same answer was recorded before: a register repeating itself after a lost reply. */
    REPEATED,
    /** The lease ran out before the ack: the job went back to the queue. */
    LEASE_LOST,
    /** The job is finished with another outcome than this one. */
    CONFLICT,
    /** Not a job this register was given. */
    UNKNOWN
}
