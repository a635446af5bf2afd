package ru.openkassa.server.receipts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;
import ru.openkassa.core.atol.AtolRequestReader;
import ru.openkassa.core.atol.ReadResult;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.qr.ReceiptQr;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.signal.ClusterSignals;
import ru.openkassa.server.receipts.callback.CallbackOutbox;
import ru.openkassa.server.receipts.callback.CallbackSender;

/**
 * The receipts feature's public face: takes receipt requests into the durable queue and answers
 * questions about them. A request is answered only after its job is committed.
 */
@Service
public class ReceiptService {

    /** Time-ordered ids keep the primary key index append-mostly at millions of jobs. */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    /** Signal topic: a group has receipts waiting; the payload is the group id. */
    public static final String WORK_SIGNAL = "receipts.work";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FiscalJobRepository jobs;
    private final JobWriter writer;
    private final JobEvents events;
    private final CallbackOutbox callbacks;
    private final CallbackSender callbackSender;
    private final ClusterSignals signals;
    private final TransactionTemplate transaction;
    private final AtolRequestReader reader = new AtolRequestReader();
    private final java.util.Map<Long, Long> nextReofferCheck = new java.util.concurrent.ConcurrentHashMap<>();
    private final EmptyQueues emptyQueues = new EmptyQueues();
    private final ReceiptsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ReceiptService(FiscalJobRepository jobs, JobWriter writer, JobEvents events, CallbackOutbox callbacks,
            CallbackSender callbackSender, ClusterSignals signals,
            TransactionTemplate transaction, ReceiptsProperties properties, MeterRegistry meters, Clock clock) {
        this.jobs = jobs;
        this.writer = writer;
        this.events = events;
        this.callbacks = callbacks;
        this.callbackSender = callbackSender;
        this.signals = signals;
        this.transaction = transaction;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        signals.subscribe(WORK_SIGNAL, group -> emptyQueues.signaled(Long.parseLong(group)));
        signals.onGap(emptyQueues::forgetAll);
    }

    /**
     * Reads, validates and queues one receipt request for a group the caller may use. The same
     * external_id in the same group always ends in the one job that was stored first.
     */
    public IntakeOutcome accept(RoutingGroup group, Operation operation, AtolVersion version, byte[] body) {
        ReadResult read = reader.read(body, version, operation);
        return switch (read) {
            case ReadResult.Malformed malformed -> {
                countFailure("malformed_json");
                yield new IntakeOutcome.Malformed(malformed.detail());
            }
            case ReadResult.Invalid invalid -> invalid(invalid.violations());
            case ReadResult.Accepted accepted -> {
                List<Violation> routing = checkAgainstGroup(accepted.request().document(), group);
                yield routing.isEmpty() ? store(group, operation, accepted.request(), body) : invalid(routing);
            }
        };
    }

    private IntakeOutcome store(RoutingGroup group, Operation operation, ReceiptRequest request, byte[] body) {
        var job = newJob(group, operation, request, body);
        if (writer.insertIfAbsent(job)) {
            meters.counter("openkassa.receipts.accepted", "operation", operation.atolName()).increment();
            signals.publish(WORK_SIGNAL, Long.toString(group.id()));
            return new IntakeOutcome.Accepted(job.asAccepted());
        }
        FiscalJob first = jobs.findByExternalId(group.id(), request.externalId())
                .orElseThrow(() -> new IllegalStateException("conflicting job vanished: " + request.externalId()));
        meters.counter("openkassa.receipts.duplicates", "operation", operation.atolName()).increment();
        return new IntakeOutcome.Duplicate(first);
    }

    private FiscalJobRepository.NewJob newJob(RoutingGroup group, Operation operation, ReceiptRequest request, byte[] body) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime paymentTime = request.timestamp().atZone(properties.merchantZone()).toOffsetDateTime();
        OffsetDateTime deadline = paymentTime.plus(group.deadlinePolicy().maxWait());
        String warnings = request.warnings().isEmpty() ? null
                : request.warnings().stream().map(Violation::messageRu).collect(Collectors.joining("; "));
        return new FiscalJobRepository.NewJob(IDS.generate(), group.accountId(), group.id(), group.code(),
                group.legalEntityId(), request.externalId(), operation.atolName(), request.version().name().toLowerCase(),
                request.document().total().kopecks(), paymentTime, deadline, request.callbackUrl(), warnings,
                new String(body, StandardCharsets.UTF_8), now);
    }

    /**
     * Reads and checks a receipt for a group exactly as {@link #accept} does, without storing it:
     * the first half of storing several receipts together.
     */
    public PreparedReceipt prepare(RoutingGroup group, Operation operation, AtolVersion version, byte[] body) {
        return switch (reader.read(body, version, operation)) {
            case ReadResult.Malformed malformed -> new PreparedReceipt(null, List.of(new Violation("malformed_json", null,
                    "Тело чека не является JSON-объектом: " + malformed.detail(), "Not a JSON object: " + malformed.detail())));
            case ReadResult.Invalid invalid -> new PreparedReceipt(null, invalid.violations());
            case ReadResult.Accepted accepted -> {
                List<Violation> routing = checkAgainstGroup(accepted.request().document(), group);
                yield new PreparedReceipt(routing.isEmpty() ? newJob(group, operation, accepted.request(), body) : null,
                        routing);
            }
        };
    }

    /**
     * Stores prepared receipts as fiscal jobs in the caller's transaction: they commit or roll back
     * with whatever else the caller writes (all the receipts of a multi-fiscal purchase and its own
     * rows). The registers hear of them after the commit. An external_id already taken in its group
     * is a conflict the caller must prevent (it makes the ids); the transaction is then rolled back.
     *
     * @throws IllegalStateException outside a transaction, or on such a conflict
     */
    public List<FiscalJob> storeTogether(List<PreparedReceipt> receipts) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("receipts are stored together only inside a transaction");
        }
        List<FiscalJob> stored = new ArrayList<>();
        for (PreparedReceipt receipt : receipts) {
            FiscalJobRepository.NewJob job = receipt.job();
            if (!jobs.insertIfAbsent(job)) {
                throw new IllegalStateException("external_id " + job.externalId() + " is taken in group " + job.groupCode());
            }
            stored.add(job.asAccepted());
        }
        List<Long> groups = stored.stream().map(FiscalJob::groupId).distinct().toList();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                stored.forEach(job -> meters.counter("openkassa.receipts.accepted", "operation", job.operation()).increment());
                groups.forEach(group -> signals.publish(WORK_SIGNAL, Long.toString(group)));
            }
        });
        return stored;
    }

    private IntakeOutcome invalid(List<Violation> violations) {
        violations.forEach(v -> countFailure(v.code()));
        return new IntakeOutcome.Invalid(violations);
    }

    private void countFailure(String code) {
        meters.counter("openkassa.receipts.validation.failures", "code", code).increment();
    }

    /**
     * The receipt must be for the group's legal entity and one of its tax systems: a register of
     * the group could never fiscalize it, so it is refused now rather than failed later.
     */
    private static List<Violation> checkAgainstGroup(FiscalDocument document, RoutingGroup group) {
        List<Violation> problems = new ArrayList<>();
        String root = document.operation().isCorrection() ? "correction" : "receipt";
        if (!group.inn().equals(document.company().inn())) {
            problems.add(new Violation("inn_not_in_group", root + ".company.inn",
                    "ИНН организации не совпадает с ИНН группы ККТ " + group.code(),
                    "The company INN differs from the INN of register group " + group.code()));
        }
        TaxSystem sno = document.company().sno();
        if (sno == null) {
            if (Integer.bitCount(group.taxSystems()) > 1) {
                problems.add(new Violation("required", root + ".company.sno",
                        "Организация применяет несколько систем налогообложения: укажите sno",
                        "The company uses several tax systems: sno is required"));
            }
        } else if ((group.taxSystems() & sno.bit()) == 0) {
            problems.add(new Violation("sno_not_registered", root + ".company.sno",
                    "Система налогообложения " + sno.atolName() + " не указана при регистрации ККТ группы",
                    "Tax system " + sno.atolName() + " is not in the registration of the group's registers"));
        }
        return problems;
    }

    public Optional<FiscalJob> findInGroup(RoutingGroup group, UUID id) {
        return jobs.findInGroup(group.id(), id);
    }

    public Optional<FiscalJob> find(long accountId, UUID id) {
        return jobs.findInAccount(accountId, id);
    }

    /** The account's jobs with these ids, in no particular order; unknown ids are left out. */
    public List<FiscalJob> findAll(long accountId, java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : jobs.findAllInAccount(accountId, ids);
    }

    public List<FiscalJob> page(long accountId, JobFilter filter, PageCursor after, int limit) {
        return jobs.page(accountId, filter, after, limit);
    }

    /**
     * Receipts the register holds that are not finished: given to it and not fiscalized yet, or
     * fiscalized and not yet confirmed by the OFD. Their results and confirmations come back under
     * the register's account, so a register with any cannot move to another account yet.
     */
    public long unfinishedOnRegister(long accountId, long registerPk) {
        return jobs.unfinishedOnRegister(accountId, registerPk);
    }

    // ---- the registers' side: lease, ack, result, delivery ----

    /**
     * Leases the oldest waiting receipts of the register's groups to it (at most {@code max}). A
     * queue this node knows to be empty ({@link EmptyQueues}) is not read, unless a signal woke the
     * caller: its claim always reads, whatever order the signal reached the waiters and this node's
     * count of signals in.
     */
    public List<ReceiptTask> claim(ClaimingRegister register, int max, boolean woken) {
        if (register.groupIds().isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        boolean reoffer = reofferDue(register.registerPk(), clock.millis());
        if (!woken && !reoffer && emptyQueues.knownEmpty(register, started)) {
            meters.counter("openkassa.receipts.claims", "queue", "known_empty").increment();
            return List.of();
        }
        long[] signalsBefore = emptyQueues.before(register);
        List<ReceiptTask> tasks = transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<UUID> again = reoffer ? jobs.reoffer(register, now, now.plus(properties.lease())) : List.of();
            for (UUID id : again) {
                events.record(register.accountId(), id, now, JobEvents.Kind.REOFFERED, register.registerPk(),
                        "ККТ " + register.registerId() + " взяла задание, но не прислала результат: предложено ей снова");
            }
            if (!again.isEmpty()) {
                return jobs.tasks(again);
            }
            return jobs.lease(register, max, now, now.plus(properties.lease()), "ККТ " + register.registerId());
        });
        if (tasks.isEmpty()) {
            emptyQueues.foundEmpty(register, signalsBefore, started);
            meters.counter("openkassa.receipts.claims", "queue", "empty").increment();
        } else {
            meters.counter("openkassa.receipts.claims", "queue", "work").increment();
            meters.counter("openkassa.receipts.dispatched").increment(tasks.size());
        }
        return tasks;
    }

    /** Looking for receipts to offer again costs a query: once per register per lease period is enough. */
    private boolean reofferDue(long registerPk, long nowMillis) {
        Long next = nextReofferCheck.get(registerPk);
        if (next != null && next > nowMillis) {
            return false;
        }
        if (nextReofferCheck.size() > 100_000) {
            nextReofferCheck.clear();
        }
        nextReofferCheck.put(registerPk, nowMillis + properties.lease().toMillis());
        return true;
    }

    public TaskAnswer ack(long accountId, long registerPk, UUID jobId) {
        return transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (jobs.ack(accountId, registerPk, jobId, now, now.plus(properties.lease()))) {
                return TaskAnswer.RECORDED;
            }
            Optional<FiscalJob> job = jobs.findInAccount(accountId, jobId);
            if (job.isEmpty() || !events.wasGivenTo(jobId, registerPk)) {
                return TaskAnswer.UNKNOWN;
            }
            boolean stillOurs = registerPk == registerOf(job.get());
            if (stillOurs && job.get().state() != JobState.ACCEPTED) {
                return TaskAnswer.REPEATED;
            }
            return TaskAnswer.LEASE_LOST;
        });
    }

    /** The register's FN wrote the receipt. Repeating the same result is harmless. */
    public TaskAnswer fiscalized(long accountId, long registerPk, UUID jobId, FiscalData fiscal) {
        TaskAnswer answer = transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Optional<FiscalJob> done = jobs.fiscalize(accountId, registerPk, jobId, fiscal, now,
                    "ФД " + fiscal.fdNumber() + ", ФП " + fiscal.fiscalSign() + ", ФН " + fiscal.fnNumber());
            if (done.isPresent()) {
                announce(done.get(), now);
                return TaskAnswer.RECORDED;
            }
            return jobs.findInAccount(accountId, jobId)
                    .filter(job -> events.wasGivenTo(jobId, registerPk))
                    .map(job -> job.fiscal() != null && registerOf(job) == registerPk
                            && job.fiscal().fdNumber() == fiscal.fdNumber()
                            && job.fiscal().fnNumber().equals(fiscal.fnNumber())
                            ? TaskAnswer.REPEATED : TaskAnswer.CONFLICT)
                    .orElse(TaskAnswer.UNKNOWN);
        });
        if (answer == TaskAnswer.RECORDED) {
            meters.counter("openkassa.receipts.fiscalized").increment();
        }
        return answer;
    }

    /**
     * The register did not fiscalize the receipt. When it says another register may try (no paper,
     * shift to close), the receipt goes back to the queue; otherwise it fails with the register's error.
     */
    public TaskAnswer notFiscalized(long accountId, long registerPk, UUID jobId, JobError error, boolean retryable) {
        TaskAnswer answer = transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (retryable && jobs.requeue(accountId, registerPk, jobId)) {
                events.record(accountId, jobId, now, JobEvents.Kind.REQUEUED, registerPk, describe(error));
                return TaskAnswer.RECORDED;
            }
            if (!retryable && jobs.failDispatched(accountId, registerPk, jobId, error, now)) {
                events.record(accountId, jobId, now, JobEvents.Kind.FAILED, registerPk, describe(error));
                announce(jobs.find(jobId).orElseThrow(), now);
                return TaskAnswer.RECORDED;
            }
            return jobs.findInAccount(accountId, jobId)
                    .filter(job -> events.wasGivenTo(jobId, registerPk))
                    .map(job -> job.state() == JobState.FAILED && registerOf(job) == registerPk
                            ? TaskAnswer.REPEATED : TaskAnswer.CONFLICT)
                    .orElse(TaskAnswer.UNKNOWN);
        });
        if (answer == TaskAnswer.RECORDED && retryable) {
            jobs.findInAccount(accountId, jobId).ifPresent(job -> signals.publish(WORK_SIGNAL, Long.toString(job.groupId())));
        }
        return answer;
    }

    /**
     * The OFD confirmed these documents of the register's FN; their receipts are delivered. They are
     * in the register's account: a register with receipts not delivered cannot move to another.
     */
    public int delivered(long registerPk, List<DeliveredDocument> documents) {
        Map<String, List<Long>> byFn = documents.stream().collect(Collectors.groupingBy(DeliveredDocument::fnNumber,
                java.util.LinkedHashMap::new, Collectors.mapping(DeliveredDocument::fdNumber, Collectors.toList())));
        Integer count = transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            int delivered = 0;
            for (Map.Entry<String, List<Long>> fn : byFn.entrySet()) {
                List<FiscalJob> done = jobs.deliver(registerPk, fn.getKey(), fn.getValue(), now, "ОФД подтвердил ФД ");
                done.forEach(job -> announce(job, now));
                delivered += done.size();
            }
            return delivered;
        });
        meters.counter("openkassa.receipts.delivered").increment(count);
        return count;
    }

    /**
     * Fails the waiting receipts of a group that no register may fiscalize (its registers are
     * registered with another INN), with a reason a person can act on.
     */
    public int failUnroutable(long accountId, long groupId, long legalEntityId, JobError reason) {
        return transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<UUID> ids = jobs.failWaiting(accountId, groupId, legalEntityId, reason, now);
            for (UUID id : ids) {
                events.record(accountId, id, now, JobEvents.Kind.FAILED, null, describe(reason));
                announce(jobs.find(id).orElseThrow(), now);
            }
            return ids.size();
        });
    }

    /** Returns leased jobs whose register did not ack in time to the queue. */
    int returnExpiredLeases() {
        List<Long> groups = transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Long> touched = new java.util.ArrayList<>();
            for (FiscalJob job : jobs.expiredLeases(now, 500)) {
                if (jobs.returnLease(job.id())) {
                    events.record(job.accountId(), job.id(), now, JobEvents.Kind.LEASE_EXPIRED, null,
                            "ККТ " + job.registerId() + " не подтвердила задание вовремя");
                    touched.add(job.groupId());
                }
            }
            return touched;
        });
        groups.stream().distinct().forEach(g -> signals.publish(WORK_SIGNAL, Long.toString(g)));
        return groups.size();
    }

    /** Fails waiting jobs past their deadline (ATOL's queue timeout); their ids. */
    List<UUID> failExpired(int batch) {
        return transaction.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<UUID> ids = jobs.failExpired(now, JobError.QUEUE_TIMEOUT, batch);
            for (UUID id : ids) {
                FiscalJob job = jobs.find(id).orElseThrow();
                events.record(job.accountId(), id, now, JobEvents.Kind.FAILED, null, describe(JobError.QUEUE_TIMEOUT));
                announce(job, now);
            }
            return ids;
        });
    }

    /** The receipt's QR string (tag 1196) once the FN wrote it: what a buyer checks the receipt by. */
    public Optional<ReceiptQr> qr(FiscalJob job) {
        if (job.fiscal() == null) {
            return Optional.empty();
        }
        FiscalData fiscal = job.fiscal();
        int sign = Operation.fromAtolName(job.operation()).map(Operation::calculationSign).orElseThrow();
        return Optional.of(new ReceiptQr(fiscal.dateTime().toLocalDateTime(), Money.ofKopecks(job.totalKopecks()),
                fiscal.fnNumber(), fiscal.fdNumber(), fiscal.fiscalSign(), sign));
    }

    public List<TimelineStep> timeline(long accountId, UUID jobId) {
        return events.ofJob(accountId, jobId).stream().map(ReceiptService::step).toList();
    }

    /** What the register received, acked, fiscalized and failed, newest first (at most {@code limit} steps). */
    public List<TimelineStep> registerJournal(long accountId, long registerPk, int limit) {
        return events.ofRegister(accountId, registerPk, limit).stream().map(ReceiptService::step).toList();
    }

    private static TimelineStep step(JobEvents.JobEvent e) {
        return new TimelineStep(e.jobId(), e.at(), e.kind().name(), e.registerPk(), e.detail());
    }

    /** The callbacks to the store about this receipt, oldest first, with the store's last answers. */
    public List<CallbackAttempt> callbackAttempts(long accountId, UUID jobId) {
        return callbacks.ofJob(accountId, jobId).stream().map(a -> new CallbackAttempt(a.url(), a.createdAt(), a.attempts(),
                a.lastStatus(), a.lastError(), a.nextAttemptAt(), a.deliveredAt(), a.gaveUpAt())).toList();
    }

    /** Sends the receipt's latest callback again now; false when the receipt has none. */
    public boolean resendCallback(long accountId, UUID jobId) {
        return callbacks.resend(accountId, jobId, OffsetDateTime.now(clock));
    }

    /** The external_id of the refund the console makes for a sale: the same for every request. */
    static String refundExternalId(String saleExternalId) {
        String suffix = "-refund";
        String base = saleExternalId.length() + suffix.length() > 128 ? saleExternalId.substring(0, 128 - suffix.length())
                : saleExternalId;
        return base + suffix;
    }

    /** The refund the console made for this sale, if any. */
    public Optional<FiscalJob> refundOf(FiscalJob sale) {
        return Operation.SELL.atolName().equals(sale.operation())
                ? jobs.findByExternalId(sale.groupId(), refundExternalId(sale.externalId())) : Optional.empty();
    }

    /**
     * Cancels a fiscalized sale by a refund receipt of the same items and payments (a receipt is
     * never deleted). Asking again gives the refund made the first time, whatever its state now.
     */
    public RefundOutcome refund(RoutingGroup group, FiscalJob sale) {
        if (!Operation.SELL.atolName().equals(sale.operation())) {
            return new RefundOutcome.Refused("receipt.refund.notSale");
        }
        if (sale.state() != JobState.FISCALIZED && sale.state() != JobState.DELIVERED) {
            return new RefundOutcome.Refused("receipt.refund.notFiscalized");
        }
        String request = jobs.requestJson(sale.accountId(), sale.id());
        tools.jackson.databind.node.ObjectNode body = (tools.jackson.databind.node.ObjectNode) JSON.readTree(request);
        body.put("external_id", refundExternalId(sale.externalId()));
        if (body.has("operation")) {
            // a body of the native API names its operation as well
            body.put("operation", Operation.SELL_REFUND.atolName());
        }
        body.put("timestamp", OffsetDateTime.now(clock).atZoneSameInstant(properties.merchantZone()).format(ReceiptReport.ATOL_TIME));
        AtolVersion version = AtolVersion.valueOf(sale.apiVersion().toUpperCase());
        IntakeOutcome outcome = accept(group, Operation.SELL_REFUND, version,
                JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        return switch (outcome) {
            case IntakeOutcome.Accepted accepted -> new RefundOutcome.Made(accepted.job(), false);
            case IntakeOutcome.Duplicate duplicate -> new RefundOutcome.Made(duplicate.job(), true);
            default -> new RefundOutcome.Refused("receipt.refund.invalid");
        };
    }

    /** The store hears of every final state (fiscalized, failed) and of the delivery to the OFD. */
    private void announce(FiscalJob job, OffsetDateTime now) {
        if (job.callbackUrl() != null && !job.callbackUrl().isBlank()) {
            String body = JSON.writeValueAsString(ReceiptReport.of(job, properties.merchantZone(), now));
            callbackSender.enqueue(job.accountId(), job.groupId(), job.id(), job.callbackUrl(), body, now);
        }
    }

    private static long registerOf(FiscalJob job) {
        return job.registerPk() == null ? -1 : job.registerPk();
    }

    private static String describe(JobError error) {
        return error.type() + " " + error.code() + ": " + error.text();
    }
}
