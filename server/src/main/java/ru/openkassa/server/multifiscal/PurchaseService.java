package ru.openkassa.server.multifiscal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import ru.openkassa.core.atol.AtolReceiptWriter;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.multifiscal.EntityAllocation;
import ru.openkassa.core.multifiscal.EntityReceipt;
import ru.openkassa.core.multifiscal.EntityRefund;
import ru.openkassa.core.multifiscal.PaymentMeans;
import ru.openkassa.core.multifiscal.Refund;
import ru.openkassa.core.multifiscal.RefundLine;
import ru.openkassa.core.multifiscal.RefundPlanner;
import ru.openkassa.core.multifiscal.RefundResult;
import ru.openkassa.core.multifiscal.SplitPurchase;
import ru.openkassa.core.multifiscal.Terminal;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.server.fleet.ApiPrincipal;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.LegalEntity;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.fleet.RoutingGroup;
import ru.openkassa.server.platform.error.ApiError;
import ru.openkassa.server.platform.error.ApiException;
import ru.openkassa.server.platform.error.LocalizedText;
import ru.openkassa.server.receipts.FiscalData;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.JobState;
import ru.openkassa.server.receipts.PreparedReceipt;
import ru.openkassa.server.receipts.ReceiptService;
import ru.openkassa.server.receipts.ReceiptsProperties;

/**
 * Multi-fiscal purchases: one purchase of goods of several legal entities becomes one normal fiscal
 * job per entity, each routed to a group of that entity with a register that can print it; all of
 * them and the purchase are stored in one transaction or none is. Refunds go the same way, one
 * refund receipt per entity involved.
 */
@Service
public class PurchaseService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final PurchaseRepository purchases;
    private final ReceiptService receipts;
    private final FleetService fleet;
    private final RegisterService registers;
    private final TransactionTemplate transaction;
    private final ReceiptsProperties receiptsProperties;
    private final Clock clock;
    private final PurchaseReader reader = new PurchaseReader();
    private final RefundReader refundReader = new RefundReader();
    private final AtolReceiptWriter writer = new AtolReceiptWriter();
    private final RefundPlanner planner = new RefundPlanner();

    PurchaseService(PurchaseRepository purchases, ReceiptService receipts, FleetService fleet, RegisterService registers,
            TransactionTemplate transaction, ReceiptsProperties receiptsProperties, Clock clock) {
        this.purchases = purchases;
        this.receipts = receipts;
        this.fleet = fleet;
        this.registers = registers;
        this.transaction = transaction;
        this.receiptsProperties = receiptsProperties;
        this.clock = clock;
    }

    /** A purchase or refund, and whether this request created it (false: an earlier one with its external_id did). */
    record Outcome<T>(T view, boolean created) {
    }

    // ---- the sale ----

    Outcome<PurchaseView> create(ApiPrincipal principal, byte[] body) {
        PurchaseRequest request = switch (reader.read(body)) {
            case BodyReading.Malformed<PurchaseRequest> malformed -> throw malformed();
            case BodyReading.Refused<PurchaseRequest> refused -> throw badRequest(refused.violations());
            case BodyReading.Read<PurchaseRequest> read -> read.value();
        };
        long account = principal.accountId();
        Optional<PurchaseRepository.PurchaseRow> earlier = purchases.findByExternalId(account, request.externalId());
        if (earlier.isPresent()) {
            return new Outcome<>(view(earlier.get()), false);
        }
        UUID id = IDS.generate();
        SplitPurchase split = request.split();
        Map<String, Route> routes = routes(principal, request, split);
        List<PreparedReceipt> prepared = new ArrayList<>();
        List<ApiError> problems = new ArrayList<>();
        for (EntityReceipt receipt : split.receipts()) {
            Route route = routes.get(receipt.entityInn());
            FiscalDocument document = receipt.document(route.company(), request.client());
            prepared.add(prepare(route, Operation.SELL, "p:" + id + ":" + receipt.entityInn(), request.timestamp(),
                    request.callbackUrl(), document, problems));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var row = new PurchaseRepository.PurchaseRow(id, account, request.externalId(), split.allocation().total().kopecks(),
                request.timestamp().atZone(receiptsProperties.merchantZone()).toOffsetDateTime(),
                new String(body, StandardCharsets.UTF_8), now);
        Boolean created = transaction.execute(status -> {
            if (!purchases.insertIfAbsent(row)) {
                return false;
            }
            List<FiscalJob> jobs = receipts.storeTogether(prepared);
            for (int i = 0; i < jobs.size(); i++) {
                purchases.insertChild(account, id, new PurchaseRepository.ChildRow(jobs.get(i).id(), null,
                        split.receipts().get(i).entityInn(), i));
            }
            return true;
        });
        PurchaseRepository.PurchaseRow stored = Boolean.TRUE.equals(created) ? row
                : purchases.findByExternalId(account, request.externalId()).orElseThrow();
        return new Outcome<>(view(stored), Boolean.TRUE.equals(created));
    }

    Optional<PurchaseView> find(long accountId, UUID id) {
        return purchases.find(accountId, id).map(this::view);
    }

    Optional<PurchaseView> findByExternalId(long accountId, String externalId) {
        return purchases.findByExternalId(accountId, externalId).map(this::view);
    }

    /** Where one legal entity's receipts go and the seller details they carry. */
    private record Route(RoutingGroup group, Company company) {
    }

    /**
     * A group of each entity that the caller may use and that has a register able to print its
     * receipts; of several, the oldest (lowest id), so that the same purchase always goes the same way.
     */
    private Map<String, Route> routes(ApiPrincipal principal, PurchaseRequest request, SplitPurchase split) {
        List<ApiError> problems = new ArrayList<>();
        Map<String, Route> routes = new HashMap<>();
        List<RoutingGroup> groups = fleet.groups(principal.accountId()).stream()
                .filter(principal::mayUse).sorted(Comparator.comparingLong(RoutingGroup::id)).toList();
        for (EntityReceipt receipt : split.receipts()) {
            String inn = receipt.entityInn();
            String field = "items[" + receipt.lines().getFirst().index() + "].entity_inn";
            Optional<LegalEntity> entity = fleet.findLegalEntity(principal.accountId(), inn);
            if (entity.isEmpty()) {
                problems.add(ApiError.of("entity_not_in_account", field,
                        "ИНН " + inn + " не является юрлицом аккаунта", "INN " + inn + " is not a legal entity of the account"));
                continue;
            }
            Optional<RoutingGroup> group = groups.stream()
                    .filter(g -> g.legalEntityId() == entity.get().id())
                    .filter(g -> registers.groupHasMatchingRegister(principal.accountId(), g.id()))
                    .findFirst();
            if (group.isEmpty()) {
                problems.add(ApiError.of("no_register_for_entity", field,
                        "У юрлица с ИНН " + inn + " нет доступной группы с кассой, зарегистрированной на него",
                        "Legal entity " + inn + " has no group you may use with a register registered to it"));
                continue;
            }
            routes.put(inn, new Route(group.get(), company(entity.get(), group.get(), request.entities().get(inn))));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        return routes;
    }

    /** The seller on the entity's receipts: the store's details for it if given, else the entity's own. */
    private static Company company(LegalEntity entity, RoutingGroup group, PurchaseRequest.EntitySettings settings) {
        TaxSystem sno = settings == null ? null : settings.sno();
        if (sno == null && Integer.bitCount(entity.taxSystems()) == 1) {
            sno = java.util.Arrays.stream(TaxSystem.values()).filter(t -> t.bit() == entity.taxSystems()).findFirst()
                    .orElse(null);
        }
        String email = settings == null || settings.email() == null ? entity.email() : settings.email();
        return new Company(email, sno, entity.inn(), group.paymentAddress(), null);
    }

    /** An entity's receipt as ATOL v5 JSON, checked for its group; problems are reported under {@code entities}. */
    private PreparedReceipt prepare(Route route, Operation operation, String externalId, LocalDateTime timestamp,
            String callbackUrl, FiscalDocument document, List<ApiError> problems) {
        String json = writer.write(externalId, timestamp, callbackUrl, document);
        PreparedReceipt prepared = receipts.prepare(route.group(), operation, AtolVersion.V5, json.getBytes(StandardCharsets.UTF_8));
        for (Violation v : prepared.violations()) {
            String inn = document.company().inn();
            problems.add(ApiError.of(v.code(), "entities",
                    "Чек юрлица " + inn + " (" + v.field() + "): " + v.messageRu(),
                    "Receipt of entity " + inn + " (" + v.field() + "): " + v.messageEn()));
        }
        return prepared;
    }

    // ---- refunds ----

    Outcome<PurchaseView.RefundView> refund(ApiPrincipal principal, UUID purchaseId, byte[] body) {
        long account = principal.accountId();
        RefundReader.RefundRequest request = switch (refundReader.read(body)) {
            case BodyReading.Malformed<RefundReader.RefundRequest> malformed -> throw malformed();
            case BodyReading.Refused<RefundReader.RefundRequest> refused -> throw badRequest(refused.violations());
            case BodyReading.Read<RefundReader.RefundRequest> read -> read.value();
        };
        PurchaseRepository.PurchaseRow row = purchases.find(account, purchaseId).orElseThrow(PurchaseService::notFound);
        Optional<PurchaseRepository.RefundRow> earlier = purchases.refunds(account, purchaseId).stream()
                .filter(r -> r.externalId().equals(request.externalId())).findFirst();
        if (earlier.isPresent()) {
            return new Outcome<>(refundView(row, earlier.get()), false);
        }
        List<PurchaseRepository.ChildRow> children = purchases.children(account, purchaseId);
        Map<UUID, FiscalJob> jobs = jobs(account, children);
        List<PurchaseRepository.ChildRow> sale = children.stream().filter(c -> c.refundId() == null).toList();
        List<String> unfinished = sale.stream().filter(c -> !isFiscalized(jobs.get(c.jobId())))
                .map(c -> c.entityInn() + " " + jobs.get(c.jobId()).state().name().toLowerCase()).toList();
        if (!unfinished.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, ApiError.of("purchase_not_fiscalized", "id",
                    "Вернуть можно только полностью фискализированную покупку; не фискализированы чеки: "
                            + String.join(", ", unfinished),
                    "Only a fully fiscalized purchase can be refunded; not fiscalized: " + String.join(", ", unfinished)));
        }
        PurchaseRequest purchase = reread(row);
        Map<String, RoutingGroup> groupOf = new HashMap<>();
        for (PurchaseRepository.ChildRow child : sale) {
            FiscalJob job = jobs.get(child.jobId());
            groupOf.put(child.entityInn(), fleet.findGroup(account, job.groupId()).orElseThrow());
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(receiptsProperties.merchantZone()));
        UUID refundId = IDS.generate();
        var result = transaction.execute(status -> {
            purchases.lock(account, purchaseId).orElseThrow();
            List<PurchaseRepository.RefundRow> made = purchases.refunds(account, purchaseId);
            Optional<PurchaseRepository.RefundRow> same = made.stream()
                    .filter(r -> r.externalId().equals(request.externalId())).findFirst();
            if (same.isPresent()) {
                return new Outcome<>(same.get(), false);
            }
            Refund refund = switch (plan(purchase.split(), replay(purchase.split(), made), request.lines())) {
                case RefundResult.Refused refused -> throw badRequest(refused.violations().stream()
                        .map(v -> new Violation(v.code(), v.field() == null ? null : v.field().replace(".index", ".position"),
                                v.messageRu(), v.messageEn()))
                        .toList());
                case RefundResult.Planned planned -> planned.refund();
            };
            List<PreparedReceipt> prepared = new ArrayList<>();
            List<ApiError> problems = new ArrayList<>();
            for (EntityRefund receipt : refund.receipts()) {
                RoutingGroup group = groupOf.get(receipt.entityInn());
                LegalEntity entity = fleet.findLegalEntity(account, receipt.entityInn()).orElseThrow();
                Company company = company(entity, group, purchase.entities().get(receipt.entityInn()));
                prepared.add(prepare(new Route(group, company), Operation.SELL_REFUND, "r:" + refundId + ":" + receipt.entityInn(),
                        now, purchase.callbackUrl(), receipt.document(company, purchase.client()), problems));
            }
            if (!problems.isEmpty()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, problems);
            }
            var refundRow = new PurchaseRepository.RefundRow(refundId, request.externalId(), made.size() + 1,
                    request.lines() == null ? null : RefundReader.write(request.lines()), OffsetDateTime.now(clock));
            purchases.insertRefund(account, purchaseId, refundRow);
            List<FiscalJob> stored = receipts.storeTogether(prepared);
            for (int i = 0; i < stored.size(); i++) {
                purchases.insertChild(account, purchaseId, new PurchaseRepository.ChildRow(stored.get(i).id(), refundId,
                        refund.receipts().get(i).entityInn(), children.size() + i));
            }
            return new Outcome<>(refundRow, true);
        });
        return new Outcome<>(refundView(row, result.view()), result.created());
    }

    private RefundResult plan(SplitPurchase sale, List<Refund> earlier, List<RefundLine> lines) {
        return lines == null ? planner.planFull(sale, earlier) : planner.plan(sale, earlier, lines);
    }

    /** The refunds made so far, planned again in their order: the planner is deterministic. */
    private List<Refund> replay(SplitPurchase sale, List<PurchaseRepository.RefundRow> made) {
        List<Refund> earlier = new ArrayList<>();
        for (PurchaseRepository.RefundRow row : made) {
            List<RefundLine> lines = row.lines() == null ? null : RefundReader.parseStored(row.lines());
            switch (plan(sale, List.copyOf(earlier), lines)) {
                case RefundResult.Planned planned -> earlier.add(planned.refund());
                case RefundResult.Refused refused ->
                        throw new IllegalStateException("stored refund " + row.id() + " no longer plans: " + refused.violations());
            }
        }
        return earlier;
    }

    private static boolean isFiscalized(FiscalJob job) {
        return job.state() == JobState.FISCALIZED || job.state() == JobState.DELIVERED;
    }

    // ---- views ----

    private PurchaseRequest reread(PurchaseRepository.PurchaseRow row) {
        return switch (reader.read(row.request().getBytes(StandardCharsets.UTF_8))) {
            case BodyReading.Read<PurchaseRequest> read -> read.value();
            default -> throw new IllegalStateException("stored purchase " + row.id() + " no longer reads");
        };
    }

    private Map<UUID, FiscalJob> jobs(long account, List<PurchaseRepository.ChildRow> children) {
        return receipts.findAll(account, children.stream().map(PurchaseRepository.ChildRow::jobId).toList()).stream()
                .collect(Collectors.toMap(FiscalJob::id, Function.identity()));
    }

    private PurchaseView view(PurchaseRepository.PurchaseRow row) {
        PurchaseRequest request = reread(row);
        SplitPurchase split = request.split();
        List<PurchaseRepository.ChildRow> children = purchases.children(row.accountId(), row.id());
        Map<UUID, FiscalJob> jobs = jobs(row.accountId(), children);
        List<PurchaseRepository.ChildRow> sale = children.stream().filter(c -> c.refundId() == null).toList();
        List<PurchaseView.AllocationRow> allocation = split.allocation().entities().stream()
                .map(PurchaseService::allocationRow).toList();
        List<PurchaseRepository.RefundRow> refundRows = purchases.refunds(row.accountId(), row.id());
        List<Refund> refunds = replay(split, refundRows);
        List<PurchaseView.RefundView> refundViews = new ArrayList<>();
        for (int i = 0; i < refundRows.size(); i++) {
            refundViews.add(refundView(refundRows.get(i), refunds.get(i), children, jobs));
        }
        List<PurchaseView.ChildReceipt> saleViews = sale.stream().map(c -> child(c, jobs.get(c.jobId()))).toList();
        PurchaseStatus status = PurchaseStatus.of(sale.stream().map(c -> jobs.get(c.jobId()).state()).toList());
        return new PurchaseView(row.id(), row.externalId(), status.apiName(), money(split.allocation().total()),
                split.allocation().order().name().toLowerCase(), money(split.allocation().change()), row.paymentTime(),
                row.createdAt(), allocation, saleViews, problems(sale, jobs, status, true), refundViews);
    }

    private PurchaseView.RefundView refundView(PurchaseRepository.PurchaseRow purchase, PurchaseRepository.RefundRow row) {
        PurchaseView whole = view(purchase);
        return whole.refunds().stream().filter(r -> r.id().equals(row.id())).findFirst().orElseThrow();
    }

    private PurchaseView.RefundView refundView(PurchaseRepository.RefundRow row, Refund refund,
            List<PurchaseRepository.ChildRow> children, Map<UUID, FiscalJob> jobs) {
        List<PurchaseRepository.ChildRow> mine = children.stream().filter(c -> row.id().equals(c.refundId())).toList();
        PurchaseStatus status = PurchaseStatus.of(mine.stream().map(c -> jobs.get(c.jobId()).state()).toList());
        List<PurchaseView.AllocationRow> payments = refund.receipts().stream().map(r -> new PurchaseView.AllocationRow(
                r.entityInn(), money(r.total()), means(r.payments()), terminal(r.terminal()))).toList();
        return new PurchaseView.RefundView(row.id(), row.externalId(), status.apiName(), money(refund.total()),
                row.createdAt(), payments, mine.stream().map(c -> child(c, jobs.get(c.jobId()))).toList(),
                problems(mine, jobs, status, false));
    }

    private static PurchaseView.AllocationRow allocationRow(EntityAllocation row) {
        return new PurchaseView.AllocationRow(row.entityInn(), money(row.due()), means(row.payments()), terminal(row.terminal()));
    }

    private static List<PurchaseView.MeansAmount> means(Map<PaymentMeans, Money> payments) {
        return payments.entrySet().stream()
                .map(e -> new PurchaseView.MeansAmount(e.getKey().name().toLowerCase(), money(e.getValue()))).toList();
    }

    private static PurchaseView.TerminalView terminal(Terminal terminal) {
        return terminal == null ? null : new PurchaseView.TerminalView(terminal.id(), terminal.bank(), terminal.servesEveryEntity());
    }

    private PurchaseView.ChildReceipt child(PurchaseRepository.ChildRow child, FiscalJob job) {
        FiscalData f = job.fiscal();
        return new PurchaseView.ChildReceipt(job.id(), child.entityInn(), job.groupCode(), job.operation(),
                job.state().name().toLowerCase(), BigDecimal.valueOf(job.totalKopecks(), 2),
                f == null ? null : new PurchaseView.Fiscal(job.registerId(), f.fdNumber(), f.fiscalSign(), f.shiftNumber(),
                        f.numberInShift(), f.dateTime(), f.fnNumber(), f.registrationNumber(), f.ofdInn()),
                receipts.qr(job).map(ru.openkassa.core.qr.ReceiptQr::toQrString).orElse(null),
                job.error() == null ? null : new PurchaseView.Error(job.error().code(), job.error().type(), job.error().text()));
    }

    /** Each failed receipt with the action a person should take, which depends on what the others did. */
    private static List<PurchaseView.Problem> problems(List<PurchaseRepository.ChildRow> children, Map<UUID, FiscalJob> jobs,
            PurchaseStatus status, boolean sale) {
        List<PurchaseView.Problem> problems = new ArrayList<>();
        for (PurchaseRepository.ChildRow child : children) {
            FiscalJob job = jobs.get(child.jobId());
            if (job.state() != JobState.FAILED) {
                continue;
            }
            PurchaseView.Action action;
            if (!sale) {
                action = new PurchaseView.Action("resend_refund_receipt", new LocalizedText(
                        "Деньги по этому юрлицу возвращены покупателю, а чек возврата не пробит: устраните причину "
                                + "и пробейте чек возврата юрлица " + child.entityInn() + " через /api/v1/receipts (sell_refund)",
                        "The money of this entity went back to the buyer but the refund receipt was not printed: fix "
                                + "the cause and send the refund receipt of entity " + child.entityInn()
                                + " through /api/v1/receipts (sell_refund)"));
            } else if (status == PurchaseStatus.FAILED) {
                action = new PurchaseView.Action("refund_payment_or_resend", new LocalizedText(
                        "Ни один чек покупки не пробит: верните покупателю оплату или отправьте покупку заново с новым external_id",
                        "No receipt of the purchase was printed: return the payment to the buyer or send the purchase "
                                + "again with a new external_id"));
            } else {
                action = new PurchaseView.Action("resend_entity_receipt_or_refund", new LocalizedText(
                        "Устраните причину и пробейте чек юрлица " + child.entityInn() + " отдельно через /api/v1/receipts "
                                + "(группа " + job.groupCode() + "), либо верните покупателю оплату за товары этого юрлица; "
                                + "пробитые чеки других юрлиц остаются в силе",
                        "Fix the cause and send the receipt of entity " + child.entityInn() + " alone through "
                                + "/api/v1/receipts (group " + job.groupCode() + "), or return the payment for this entity's "
                                + "goods to the buyer; the printed receipts of the other entities stand"));
            }
            problems.add(new PurchaseView.Problem(job.id(), child.entityInn(), job.groupCode(),
                    new PurchaseView.Error(job.error().code(), job.error().type(), job.error().text()), action));
        }
        return problems;
    }

    private static BigDecimal money(Money money) {
        return money.toBigDecimal();
    }

    // ---- errors ----

    static ApiException badRequest(List<Violation> violations) {
        return new ApiException(HttpStatus.BAD_REQUEST, violations.stream()
                .map(v -> ApiError.of(v.code(), v.field(), v.messageRu(), v.messageEn())).toList());
    }

    static ApiException malformed() {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("malformed_json", null,
                "Тело запроса не является JSON-объектом", "The request body is not a JSON object"));
    }

    static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("purchase_not_found", "id",
                "Покупка не найдена", "Purchase not found"));
    }
}
