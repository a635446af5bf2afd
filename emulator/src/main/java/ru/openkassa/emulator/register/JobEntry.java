package ru.openkassa.emulator.register;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One record of the register's job journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JobEntry.Taken.class, name = "taken"),
        @JsonSubTypes.Type(value = JobEntry.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = JobEntry.Abandoned.class, name = "abandoned"),
        @JsonSubTypes.Type(value = JobEntry.Reported.class, name = "reported"),
        @JsonSubTypes.Type(value = JobEntry.DeliveryReported.class, name = "delivery_reported")})
sealed interface JobEntry {

    /**
     * Written before the drive is asked for anything: if the register dies after the drive
     * signed, this record and the drive's documents after {@code fdBefore} tell what happened.
     */
    record Taken(String jobId, String taskId, String fnNumber, long fdBefore) implements JobEntry {
    }

    /** The outcome, written before it is sent. */
    record Finished(String jobId, String taskId, TaskOutcome outcome) implements JobEntry {
    }

    /** Taken, then the register died before the drive formed anything: nothing was printed. */
    record Abandoned(String jobId) implements JobEntry {
    }

    /** The server has the outcome (answered 200, or said it never will take it). */
    record Reported(String jobId) implements JobEntry {
    }

    /** The server has heard these FD numbers are delivered. */
    record DeliveryReported(String fnNumber, List<Long> fdNumbers) implements JobEntry {
    }
}
