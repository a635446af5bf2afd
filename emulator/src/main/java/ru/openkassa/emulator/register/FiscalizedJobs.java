package ru.openkassa.emulator.register;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import ru.openkassa.emulator.EmulatorJson;
import ru.openkassa.emulator.fn.FiscalDrive;
import ru.openkassa.emulator.fn.FnDocument;
import ru.openkassa.emulator.journal.Journal;

/**
 * The register's memory of the jobs it took: the exactly-once guarantee on its side. A job id
 * is recorded as taken before the drive forms anything, and its outcome is recorded (forced to
 * disk) before the result leaves the register, so a job offered again — after a crash, a lost
 * answer, a server that restarted — is answered with the stored outcome and never printed twice.
 *
 * <p>A register that died between the drive signing and the outcome being recorded is put right
 * on opening: the drive's first receipt after the FD number noted when the job was taken is that
 * job's receipt (the register prints one receipt at a time). Thread-safe.
 */
final class FiscalizedJobs implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FiscalizedJobs.class.getName());
    private static final String JOURNAL = "jobs.journal";

    /** A job with a stored outcome. */
    record Done(String jobId, String taskId, TaskOutcome outcome, boolean reported) {
    }

    private final Journal journal;
    private final Map<String, Done> done = new LinkedHashMap<>();
    private final Map<String, JobEntry.Taken> inFlight = new HashMap<>();
    private final Set<Long> deliveryReported = new HashSet<>();
    /** FD numbers of receipts the server has the result of, by FN, not yet reported delivered. */
    private final Map<String, TreeSet<Long>> awaitingDelivery = new HashMap<>();

    private FiscalizedJobs(Journal journal, String fnNumber) {
        this.journal = journal;
        for (byte[] record : journal.recovered()) {
            switch (EmulatorJson.MAPPER.readValue(record, JobEntry.class)) {
                case JobEntry.Taken taken -> inFlight.put(taken.jobId(), taken);
                case JobEntry.Finished finished -> {
                    inFlight.remove(finished.jobId());
                    done.put(finished.jobId(), new Done(finished.jobId(), finished.taskId(), finished.outcome(), false));
                }
                case JobEntry.Abandoned abandoned -> inFlight.remove(abandoned.jobId());
                case JobEntry.Reported reported -> done.computeIfPresent(reported.jobId(),
                        (id, job) -> new Done(id, job.taskId(), job.outcome(), true));
                case JobEntry.DeliveryReported delivery -> {
                    if (delivery.fnNumber().equals(fnNumber)) {
                        deliveryReported.addAll(delivery.fdNumbers());
                    }
                }
            }
        }
        done.values().stream().filter(Done::reported).forEach(this::awaitDelivery);
    }

    private void awaitDelivery(Done job) {
        if (job.outcome() instanceof TaskOutcome.Fiscalized fiscalized
                && !deliveryReported.contains(fiscalized.fiscal().fdNumber())) {
            awaitingDelivery.computeIfAbsent(fiscalized.fiscal().fnNumber(), fn -> new TreeSet<>())
                    .add(fiscalized.fiscal().fdNumber());
        }
    }

    static FiscalizedJobs open(Path registerDirectory, String fnNumber) {
        return new FiscalizedJobs(Journal.open(registerDirectory.resolve(JOURNAL)), fnNumber);
    }

    /**
     * Settles jobs the register took but has no outcome for, from what the drive holds.
     *
     * @param outcomeOf how the register reports a receipt document it formed
     */
    synchronized void reconcile(FiscalDrive drive, Function<FnDocument, TaskOutcome> outcomeOf) {
        for (JobEntry.Taken taken : new ArrayList<>(inFlight.values())) {
            Optional<FnDocument> receipt = taken.fnNumber().equals(drive.number())
                    ? drive.documentsAfter(taken.fdBefore()).stream().filter(d -> d.type().isReceipt()).findFirst()
                    : Optional.empty();
            if (receipt.isPresent()) {
                LOG.log(Level.INFO, "job {0}: the drive signed FD {1} before the register stopped; keeping it",
                        taken.jobId(), String.valueOf(receipt.get().fdNumber()));
                finish(taken.jobId(), taken.taskId(), outcomeOf.apply(receipt.get()));
            } else {
                LOG.log(Level.INFO, "job {0}: taken but nothing was signed; it may be fiscalized when offered again",
                        taken.jobId());
                append(new JobEntry.Abandoned(taken.jobId()));
                inFlight.remove(taken.jobId());
            }
        }
    }

    synchronized Optional<Done> outcome(String jobId) {
        return Optional.ofNullable(done.get(jobId));
    }

    synchronized void taken(String jobId, String taskId, String fnNumber, long fdBefore) {
        JobEntry.Taken taken = new JobEntry.Taken(jobId, taskId, fnNumber, fdBefore);
        append(taken);
        inFlight.put(jobId, taken);
    }

    synchronized void finish(String jobId, String taskId, TaskOutcome outcome) {
        append(new JobEntry.Finished(jobId, taskId, outcome));
        inFlight.remove(jobId);
        done.put(jobId, new Done(jobId, taskId, outcome, false));
    }

    synchronized void reported(String jobId) {
        Done job = done.get(jobId);
        if (job != null && !job.reported()) {
            append(new JobEntry.Reported(jobId));
            Done reported = new Done(jobId, job.taskId(), job.outcome(), true);
            done.put(jobId, reported);
            awaitDelivery(reported);
        }
    }

    /** Outcomes the server may not have: sent again after a restart. */
    synchronized List<Done> unreported() {
        return done.values().stream().filter(job -> !job.reported()).toList();
    }

    /** Receipts of this FN whose result the server accepted and whose delivery it has not heard of. */
    synchronized List<Long> awaitingDelivery(String fnNumber) {
        return List.copyOf(awaitingDelivery.getOrDefault(fnNumber, new TreeSet<>()));
    }

    synchronized void deliveryReported(String fnNumber, List<Long> fdNumbers) {
        if (fdNumbers.isEmpty()) {
            return;
        }
        append(new JobEntry.DeliveryReported(fnNumber, List.copyOf(fdNumbers)));
        deliveryReported.addAll(fdNumbers);
        TreeSet<Long> awaiting = awaitingDelivery.get(fnNumber);
        if (awaiting != null) {
            fdNumbers.forEach(awaiting::remove);
        }
    }

    private void append(JobEntry entry) {
        journal.append(EmulatorJson.MAPPER.writerFor(JobEntry.class).writeValueAsBytes(entry));
    }

    @Override
    public synchronized void close() {
        journal.close();
    }
}
