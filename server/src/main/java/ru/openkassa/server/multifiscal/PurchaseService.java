package ru.openkassa.server.multifiscal;

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

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import ru.openkassa.core.atol.AtolReceiptWriter;
import ru.openkassa.core.multifiscal.EntityReceipt;
import ru.openkassa.core.multifiscal.EntityRefund;
import ru.openkassa.core.multifiscal.Refund;
import ru.openkassa.core.multifiscal.RefundResult;
import ru.openkassa.core.multifiscal.SplitPurchase;
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
    private final PurchaseViews views;
    private final FleetService fleet;
    private final RegisterService registers;
    private final TransactionTemplate transaction;
    private final ReceiptsProperties receiptsProperties;
    private final Clock clock;
    private final PurchaseReader reader = new PurchaseReader();
    private final RefundHistory history = new RefundHistory();
    private final RefundReader refundReader = new RefundReader();
    private final AtolReceiptWriter writer = new AtolReceiptWriter();

    PurchaseService(PurchaseRepository purchases, ReceiptService receipts, PurchaseViews views, FleetService fleet, RegisterService registers,
            TransactionTemplate transaction, ReceiptsProperties receiptsProperties, Clock clock) {
        this.purchases = purchases;
        this.receipts = receipts;
        this.views = views;
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
            return new Outcome<>(views.view(earlier.get()), false);
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
        return new Outcome<>(views.view(stored), Boolean.TRUE.equals(created));
    }

    public Optional<PurchaseView> find(long accountId, UUID id) {
        return purchases.find(accountId, id).map(views::view);
    }

    /** The account's purchases newest first, after the given one (null: from the newest). */
    public List<PurchaseView> page(long accountId, ru.openkassa.server.receipts.PageCursor after, int limit) {
        return purchases.page(accountId, after == null ? null : after.acceptedAt(), after == null ? null : after.id(), limit)
                .stream().map(views::view).toList();
    }

    /** The purchase whose sale or refund this receipt is, if it is one. */
    public Optional<UUID> purchaseOf(long accountId, UUID receiptId) {
        return purchases.purchaseOf(accountId, receiptId);
    }

    Optional<PurchaseView> findByExternalId(long accountId, String externalId) {
        return purchases.findByExternalId(accountId, externalId).map(views::view);
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
            return new Outcome<>(views.refundView(row, earlier.get()), false);
        }
        List<PurchaseRepository.ChildRow> children = purchases.children(account, purchaseId);
        Map<UUID, FiscalJob> jobs = views.jobs(account, children);
        List<PurchaseRepository.ChildRow> sale = children.stream().filter(c -> c.refundId() == null).toList();
        List<String> unfinished = sale.stream().filter(c -> !isFiscalized(jobs.get(c.jobId())))
                .map(c -> c.entityInn() + " " + jobs.get(c.jobId()).state().name().toLowerCase()).toList();
        if (!unfinished.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, ApiError.of("purchase_not_fiscalized", "id",
                    "Вернуть можно только полностью фискализированную покупку; не фискализированы чеки: "
                            + String.join(", ", unfinished),
                    "Only a fully fiscalized purchase can be refunded; not fiscalized: " + String.join(", ", unfinished)));
        }
        PurchaseRequest purchase = views.reread(row);
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
            Refund refund = switch (history.plan(purchase.split(), history.replay(purchase.split(), made), request.lines())) {
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
        return new Outcome<>(views.refundView(row, result.view()), result.created());
    }

    private static boolean isFiscalized(FiscalJob job) {
        return job.state() == JobState.FISCALIZED || job.state() == JobState.DELIVERED;
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
