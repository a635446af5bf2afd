package ru.openkassa.core.multifiscal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * Plans the return of goods of a split purchase, full or partial. The seed's rule: only the exact
 * amount, back to the means it was paid with, one refund receipt per legal entity involved.
 *
 * <ul>
 * <li><b>Amount of a line</b>: all of it returns its sum; part of it returns the sum in proportion
 *     to the quantity, rounded half-up to kopecks <em>cumulatively</em> (what has come back after
 *     returning {@code q} of {@code Q} is {@code round(sum × q / Q)}), so repeated partial returns
 *     never drift and the last one brings the line exactly to its sum.</li>
 * <li><b>Means of an entity</b>: an entity's refund is taken from its payments in the order card,
 *     cash, other, prepayment, each up to what that means paid the entity less what earlier refunds
 *     already returned to it. Card first because the seed puts each card transaction in the
 *     entity's own name on its terminal: returning there leaves the drawer alone and the bank
 *     record matches; the non-money means (certificates, advances) last, so the customer gets
 *     money back before credits are restored. A full return therefore gives back every means
 *     exactly what it paid.</li>
 * <li>A card part goes back through the terminal that took the sale's transaction.</li>
 * </ul>
 *
 * <p>Earlier refunds are the caller's record of what it already returned; they must be refunds
 * this planner made for this sale ({@link IllegalArgumentException} otherwise: that is a bug or a
 * corrupted record, not a cashier's mistake).
 */
public final class RefundPlanner {

    private static final List<PaymentMeans> REFUND_ORDER =
            List.of(PaymentMeans.CARD, PaymentMeans.CASH, PaymentMeans.OTHER, PaymentMeans.PREPAYMENT);

    /** Returns the given lines; field paths {@code lines[i].index}, {@code lines[i].quantity}. */
    public RefundResult plan(SplitPurchase sale, List<Refund> earlier, List<RefundLine> lines) {
        Refunded refunded = new Refunded(sale, earlier);
        List<Item> items = saleItems(sale);
        List<Violation> found = new ArrayList<>();
        if (lines.isEmpty()) {
            found.add(MultifiscalViolationCode.EMPTY_REFUND.at("lines"));
        }
        Map<Integer, Long> requested = new LinkedHashMap<>();
        Map<Integer, Integer> firstMention = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            RefundLine line = lines.get(i);
            String path = "lines[" + i + "]";
            boolean known = line.index() >= 0 && line.index() < items.size();
            if (!known) {
                found.add(MultifiscalViolationCode.UNKNOWN_PURCHASE_LINE.at(path + ".index", Phrase.of(
                        "ожидается от 0 до " + (items.size() - 1), "0 to " + (items.size() - 1) + " expected")));
            }
            if (line.quantity() == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".quantity"));
            } else if (line.quantity().isZero()) {
                found.add(ViolationCode.NOT_POSITIVE.at(path + ".quantity"));
            } else if (known) {
                // The same line named twice in one return counts once, with both quantities.
                requested.merge(line.index(), line.quantity().thousandths(), Long::sum);
                firstMention.putIfAbsent(line.index(), i);
            }
        }
        requested.forEach((index, quantity) -> {
            Item item = items.get(index);
            long left = item.quantity().thousandths() - refunded.quantity[index];
            if (quantity > left) {
                found.add(MultifiscalViolationCode.REFUND_EXCEEDS_PURCHASE.at(
                        "lines[" + firstMention.get(index) + "].quantity", Phrase.of(
                                "продано " + item.quantity() + ", уже возвращено " + thousandths(refunded.quantity[index])
                                        + ", запрошено " + thousandths(quantity),
                                "sold " + item.quantity() + ", refunded before " + thousandths(refunded.quantity[index])
                                        + ", requested " + thousandths(quantity))));
            }
        });
        if (!found.isEmpty()) {
            return new RefundResult.Refused(found);
        }
        return new RefundResult.Planned(build(sale, refunded, requested));
    }

    /** Returns everything not yet returned: the whole sale when {@code earlier} is empty. */
    public RefundResult planFull(SplitPurchase sale, List<Refund> earlier) {
        Refunded refunded = new Refunded(sale, earlier);
        List<Item> items = saleItems(sale);
        Map<Integer, Long> requested = new LinkedHashMap<>();
        for (int index = 0; index < items.size(); index++) {
            long left = items.get(index).quantity().thousandths() - refunded.quantity[index];
            if (left > 0) {
                requested.put(index, left);
            }
        }
        if (requested.isEmpty()) {
            return new RefundResult.Refused(List.of(MultifiscalViolationCode.NOTHING_TO_REFUND.at("lines")));
        }
        return new RefundResult.Planned(build(sale, refunded, requested));
    }

    private static Refund build(SplitPurchase sale, Refunded refunded, Map<Integer, Long> requested) {
        List<EntityRefund> receipts = new ArrayList<>();
        for (EntityReceipt receipt : sale.receipts()) {
            List<EntityLine> lines = new ArrayList<>();
            Money total = Money.ZERO;
            for (EntityLine line : receipt.lines()) {
                Long quantity = requested.get(line.index());
                if (quantity == null) {
                    continue;
                }
                Item item = line.item();
                Money amount = returnedAfter(item, refunded.quantity[line.index()] + quantity)
                        .minus(refunded.amount[line.index()]);
                lines.add(new EntityLine(line.index(), returned(item, Quantity.ofThousandths(quantity), amount)));
                total = total.plus(amount);
            }
            if (lines.isEmpty()) {
                continue;
            }
            Map<PaymentMeans, Money> payments = new EnumMap<>(PaymentMeans.class);
            Money left = total;
            for (PaymentMeans means : REFUND_ORDER) {
                Money room = receipt.paymentOf(means).minus(refunded.of(receipt.entityInn(), means));
                Money taken = left.compareTo(room) <= 0 ? left : room;
                if (taken.isGreaterThan(Money.ZERO)) {
                    payments.put(means, taken);
                    left = left.minus(taken);
                }
            }
            if (!left.equals(Money.ZERO)) {
                throw new IllegalArgumentException("earlier refunds of " + receipt.entityInn() + " exceed its payments");
            }
            Terminal terminal = payments.containsKey(PaymentMeans.CARD)
                    ? sale.allocation().entity(receipt.entityInn()).orElseThrow().terminal()
                    : null;
            receipts.add(new EntityRefund(receipt.entityInn(), lines, payments, total, terminal));
        }
        return new Refund(receipts);
    }

    /** What has come back of a line once {@code quantity} thousandths of it are returned in all. */
    private static Money returnedAfter(Item item, long quantity) {
        long sold = item.quantity().thousandths();
        if (quantity == sold) {
            return item.sum();
        }
        BigDecimal share = BigDecimal.valueOf(item.sum().kopecks())
                .multiply(BigDecimal.valueOf(quantity))
                .divide(BigDecimal.valueOf(sold), 0, RoundingMode.HALF_UP);
        return Money.ofKopecks(share.longValueExact());
    }

    /** The line as the refund receipt carries it: same goods and price, the returned quantity and sum. */
    private static Item returned(Item item, Quantity quantity, Money sum) {
        Money vatSum;
        if (sum.equals(item.sum())) {
            vatSum = item.vatSum();
        } else if (item.vatSum() == null || item.vat() == null) {
            vatSum = null; // the register computes it, as it did on the sale
        } else {
            vatSum = item.vat().vatOf(sum);
        }
        return new Item(item.name(), item.price(), quantity, item.measure(), item.measurementUnit(), sum,
                item.paymentMethod(), item.paymentObject(), item.vat(), vatSum, item.agentInfo(),
                item.supplierInfo(), item.userData(), item.excise(), item.countryCode(),
                item.declarationNumber(), item.markCode(), item.markQuantity());
    }

    private static List<Item> saleItems(SplitPurchase sale) {
        return sale.purchase().items().stream().map(PurchaseItem::item).toList();
    }

    private static String thousandths(long value) {
        return Quantity.ofThousandths(Math.min(value, Quantity.MAX.thousandths())).toString();
    }

    /** What earlier refunds took, per sale line and per entity and means. */
    private static final class Refunded {
        final long[] quantity;
        final Money[] amount;
        final Map<String, Map<PaymentMeans, Money>> byEntity = new HashMap<>();

        Refunded(SplitPurchase sale, List<Refund> earlier) {
            List<PurchaseItem> lines = sale.purchase().items();
            quantity = new long[lines.size()];
            amount = new Money[lines.size()];
            Arrays.fill(amount, Money.ZERO);
            for (Refund refund : earlier) {
                for (EntityRefund receipt : refund.receipts()) {
                    for (EntityLine line : receipt.lines()) {
                        int index = line.index();
                        if (index < 0 || index >= lines.size() || !lines.get(index).entityInn().equals(receipt.entityInn())) {
                            throw new IllegalArgumentException("refund line " + index + " of " + receipt.entityInn()
                                    + " is not a line of this sale");
                        }
                        quantity[index] += line.item().quantity().thousandths();
                        amount[index] = amount[index].plus(line.item().sum());
                        if (quantity[index] > lines.get(index).item().quantity().thousandths()) {
                            throw new IllegalArgumentException("earlier refunds of line " + index + " exceed the sale");
                        }
                    }
                    receipt.payments().forEach((means, paid) -> byEntity
                            .computeIfAbsent(receipt.entityInn(), inn -> new EnumMap<>(PaymentMeans.class))
                            .merge(means, paid, Money::plus));
                }
            }
        }

        Money of(String inn, PaymentMeans means) {
            return byEntity.getOrDefault(inn, Map.of()).getOrDefault(means, Money.ZERO);
        }
    }
}
