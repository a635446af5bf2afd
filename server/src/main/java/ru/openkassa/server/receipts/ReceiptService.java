package ru.openkassa.server.receipts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import io.micrometer.core.instrument.MeterRegistry;
import ru.openkassa.core.atol.AtolRequestReader;
import ru.openkassa.core.atol.ReadResult;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.server.fleet.RoutingGroup;

/**
 * The receipts feature's public face: takes receipt requests into the durable queue and answers
 * questions about them. A request is answered only after its job is committed.
 */
@Service
public class ReceiptService {

    /** Time-ordered ids keep the primary key index append-mostly at millions of jobs. */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final FiscalJobRepository jobs;
    private final AtolRequestReader reader = new AtolRequestReader();
    private final ReceiptsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ReceiptService(FiscalJobRepository jobs, ReceiptsProperties properties, MeterRegistry meters, Clock clock) {
        this.jobs = jobs;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
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
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime paymentTime = request.timestamp().atZone(properties.merchantZone()).toOffsetDateTime();
        OffsetDateTime deadline = paymentTime.plus(group.deadlinePolicy().maxWait());
        UUID id = IDS.generate();
        String warnings = request.warnings().isEmpty() ? null
                : request.warnings().stream().map(Violation::messageRu).collect(Collectors.joining("; "));
        var job = new FiscalJobRepository.NewJob(id, group.accountId(), group.id(), group.code(), group.legalEntityId(),
                request.externalId(), operation.atolName(), request.version().name().toLowerCase(),
                request.document().total().kopecks(), paymentTime, deadline, request.callbackUrl(), warnings,
                new String(body, StandardCharsets.UTF_8), now);
        if (jobs.insertIfAbsent(job)) {
            meters.counter("openkassa.receipts.accepted", "operation", operation.atolName()).increment();
            return new IntakeOutcome.Accepted(job.asAccepted());
        }
        FiscalJob first = jobs.findByExternalId(group.id(), request.externalId())
                .orElseThrow(() -> new IllegalStateException("conflicting job vanished: " + request.externalId()));
        meters.counter("openkassa.receipts.duplicates", "operation", operation.atolName()).increment();
        return new IntakeOutcome.Duplicate(first);
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

    public List<FiscalJob> page(long accountId, JobFilter filter, PageCursor after, int limit) {
        return jobs.page(accountId, filter, after, limit);
    }
}
