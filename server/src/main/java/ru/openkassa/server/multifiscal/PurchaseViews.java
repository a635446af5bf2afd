package ru.openkassa.server.multifiscal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import ru.openkassa.core.money.Money;
import ru.openkassa.core.multifiscal.EntityAllocation;
import ru.openkassa.core.multifiscal.PaymentMeans;
import ru.openkassa.core.multifiscal.Refund;
import ru.openkassa.core.multifiscal.SplitPurchase;
import ru.openkassa.core.multifiscal.Terminal;
import ru.openkassa.core.qr.ReceiptQr;
import ru.openkassa.server.platform.error.LocalizedText;
import ru.openkassa.server.receipts.FiscalData;
import ru.openkassa.server.receipts.FiscalJob;
import ru.openkassa.server.receipts.JobState;
import ru.openkassa.server.receipts.ReceiptService;

/** Puts a purchase together for the API: its stored rows, its jobs as they are now, the allocation and the refunds. */
@Component
class PurchaseViews {

    private final PurchaseRepository purchases;
    private final ReceiptService receipts;
    private final PurchaseReader reader = new PurchaseReader();
    private final RefundHistory history = new RefundHistory();

    PurchaseViews(PurchaseRepository purchases, ReceiptService receipts) {
        this.purchases = purchases;
        this.receipts = receipts;
    }

    /** The stored request read again: the split is deterministic, so this is the purchase as it was made. */
    PurchaseRequest reread(PurchaseRepository.PurchaseRow row) {
        return switch (reader.read(row.request().getBytes(StandardCharsets.UTF_8))) {
            case BodyReading.Read<PurchaseRequest> read -> read.value();
            default -> throw new IllegalStateException("stored purchase " + row.id() + " no longer reads");
        };
    }

    Map<UUID, FiscalJob> jobs(long account, List<PurchaseRepository.ChildRow> children) {
        return receipts.findAll(account, children.stream().map(PurchaseRepository.ChildRow::jobId).toList()).stream()
                .collect(Collectors.toMap(FiscalJob::id, Function.identity()));
    }

    PurchaseView view(PurchaseRepository.PurchaseRow row) {
        PurchaseRequest request = reread(row);
        SplitPurchase split = request.split();
        List<PurchaseRepository.ChildRow> children = purchases.children(row.accountId(), row.id());
        Map<UUID, FiscalJob> jobs = jobs(row.accountId(), children);
        List<PurchaseRepository.ChildRow> sale = children.stream().filter(c -> c.refundId() == null).toList();
        List<PurchaseView.AllocationRow> allocation = split.allocation().entities().stream()
                .map(PurchaseViews::allocationRow).toList();
        List<PurchaseRepository.RefundRow> refundRows = purchases.refunds(row.accountId(), row.id());
        List<Refund> refunds = history.replay(split, refundRows);
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

    PurchaseView.RefundView refundView(PurchaseRepository.PurchaseRow purchase, PurchaseRepository.RefundRow row) {
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
                receipts.qr(job).map(ReceiptQr::toQrString).orElse(null),
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
}
