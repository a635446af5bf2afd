package ru.openkassa.core.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.VatRate;
import ru.openkassa.core.validation.Violation;

/**
 * Properties of the split and of refunds over generated purchases (jqwik, shrinking to the
 * smallest failing purchase): 1–5 entities, 1–10 lines with kopeck-level prices and fractional
 * quantities, prepayment / other / cash / card in either order, change, own or shared terminals.
 */
// Edges are generated explicitly (see upTo); jqwik's own edge cases of nested flatMaps cost seconds.
@PropertyDefaults(edgeCases = EdgeCasesMode.NONE)
class MultifiscalPropertiesTest {

    private final PurchaseSplitter splitter = new PurchaseSplitter();
    private final RefundPlanner planner = new RefundPlanner();

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Purchase> purchases() {
        return Arbitraries.of(Purchases.INNS).list().uniqueElements().ofMinSize(1).ofMaxSize(5)
                .flatMap(inns -> lines(inns).list().ofMinSize(1).ofMaxSize(10)
                        .flatMap(lines -> Arbitraries.of(false, false, true).map(twin -> twin ? twinned(lines, inns) : lines))
                        .flatMap(lines -> tenders(Money.sum(lines.stream().map(l -> l.item().sum()).toList()).kopecks())
                                .flatMap(tenders -> terminals(inns)
                                        .map(terminals -> new Purchase(lines, tenders, terminals)))));
    }

    /**
     * The second entity's lines replaced by copies of the first's: two entities owe the same, so
     * the tie-break by ИНН decides their order.
     */
    private static List<PurchaseItem> twinned(List<PurchaseItem> lines, List<String> inns) {
        if (inns.size() < 2) {
            return lines;
        }
        List<PurchaseItem> twinned = new ArrayList<>(lines.stream().filter(l -> !l.entityInn().equals(inns.get(1))).toList());
        lines.stream().filter(l -> l.entityInn().equals(inns.get(0)))
                .forEach(l -> twinned.add(new PurchaseItem(inns.get(1), l.item())));
        return twinned.isEmpty() ? lines : twinned;
    }

    private static Arbitrary<PurchaseItem> lines(List<String> inns) {
        // Round prices give entities equal amounts: the tie between them is broken by ИНН.
        Arbitrary<Long> price = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(10_000L, 50_000L)),
                Tuple.of(3, Arbitraries.longs().between(0, 500)),
                Tuple.of(5, Arbitraries.longs().between(1, 10_000_000)));
        Arbitrary<Long> quantity = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(1000L, 2000L, 3000L)),
                Tuple.of(2, Arbitraries.longs().between(1, 10_000)));
        return Combinators.combine(Arbitraries.of(inns), price, quantity).as((inn, kopecks, thousandths) -> {
            Money p = Money.ofKopecks(kopecks);
            Quantity q = Quantity.ofThousandths(thousandths);
            return new PurchaseItem(inn, Item.of("Товар", p, q, p.times(q),
                    PaymentMethod.FULL_PAYMENT, PaymentObject.COMMODITY, VatRate.VAT22));
        });
    }

    /** Payments that cover {@code total}: non-cash never above it, any overpayment in cash. */
    private static Arbitrary<List<Tender>> tenders(long total) {
        return part(total).flatMap(prepayment -> part(total - prepayment)
                .flatMap(other -> upTo(total - prepayment - other)
                        .flatMap(card -> Combinators.combine(
                                        Arbitraries.frequencyOf(
                                                Tuple.of(3, Arbitraries.just(0L)),
                                                Tuple.of(1, Arbitraries.longs().between(1, 1_000_000))),
                                        Arbitraries.of(true, false),
                                        Arbitraries.of(true, false))
                                .as((change, cashFirst, piecemeal) -> {
                                    long cash = total - prepayment - other - card + change;
                                    List<Tender> tenders = new ArrayList<>();
                                    add(tenders, PaymentMeans.PREPAYMENT, prepayment, false);
                                    add(tenders, PaymentMeans.OTHER, other, false);
                                    add(tenders, cashFirst ? PaymentMeans.CASH : PaymentMeans.CARD,
                                            cashFirst ? cash : card, piecemeal);
                                    add(tenders, cashFirst ? PaymentMeans.CARD : PaymentMeans.CASH,
                                            cashFirst ? card : cash, piecemeal);
                                    return tenders;
                                }))));
    }

    /** Prepayment and other: mostly absent. */
    private static Arbitrary<Long> part(long upTo) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)), Tuple.of(1, upTo(upTo)));
    }

    /** An amount with its edges spelled out: none, all, a kopeck off either end. */
    private static Arbitrary<Long> upTo(long max) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0L, max, Math.min(1L, max), Math.max(0L, max - 1))),
                Tuple.of(3, Arbitraries.longs().between(0, max)));
    }

    private static void add(List<Tender> tenders, PaymentMeans means, long kopecks, boolean piecemeal) {
        if (kopecks == 0) {
            return;
        }
        if (piecemeal && kopecks > 1) {
            tenders.add(new Tender(means, Money.ofKopecks(kopecks / 3 + 1)));
            tenders.add(new Tender(means, Money.ofKopecks(kopecks - kopecks / 3 - 1)));
        } else {
            tenders.add(new Tender(means, Money.ofKopecks(kopecks)));
        }
    }

    private static Arbitrary<List<Terminal>> terminals(List<String> inns) {
        return Arbitraries.of(
                List.of(Purchases.sberbank()),
                Purchases.ownTerminals(inns.toArray(String[]::new)));
    }

    private static int rows(Allocation allocation) {
        return allocation.entities().size();
    }

    private SplitPurchase split(Purchase purchase) {
        SplitResult result = splitter.split(purchase);
        assertThat(result).as("a generated purchase is valid").isInstanceOf(SplitResult.Split.class);
        return ((SplitResult.Split) result).purchase();
    }

    private static Money tendered(Purchase purchase, PaymentMeans means) {
        return Money.sum(purchase.tenders().stream().filter(t -> t.means() == means).map(Tender::amount).toList());
    }

    // ---------------------------------------------------------------- the split

    @Property
    void everyEntityReceiptBalancesToTheKopeck(@ForAll("purchases") Purchase purchase) {
        SplitPurchase sale = split(purchase);
        for (EntityReceipt receipt : sale.receipts()) {
            assertThat(Money.sum(receipt.items().stream().map(Item::sum).toList())).isEqualTo(receipt.total());
            assertThat(Money.sum(receipt.payments().values())).isEqualTo(receipt.total());
            assertThat(receipt.payments().values()).allMatch(amount -> amount.isGreaterThan(Money.ZERO));
        }
    }

    @Property
    void everyLineLandsOnItsEntitysReceiptOnceInTheCashiersOrder(@ForAll("purchases") Purchase purchase) {
        SplitPurchase sale = split(purchase);
        List<Integer> seen = new ArrayList<>();
        for (EntityReceipt receipt : sale.receipts()) {
            List<Integer> indexes = receipt.lines().stream().map(EntityLine::index).toList();
            assertThat(indexes).isSorted();
            for (EntityLine line : receipt.lines()) {
                assertThat(purchase.items().get(line.index()).entityInn()).isEqualTo(receipt.entityInn());
                assertThat(line.item()).isSameAs(purchase.items().get(line.index()).item());
            }
            seen.addAll(indexes);
        }
        Collections.sort(seen);
        assertThat(seen).isEqualTo(IntStream.range(0, purchase.items().size()).boxed().toList());
    }

    @Property
    void totalsAreConservedPerEntityAndPerMeans(@ForAll("purchases") Purchase purchase) {
        SplitPurchase sale = split(purchase);
        Allocation allocation = sale.allocation();
        Map<String, Money> dues = new HashMap<>();
        purchase.items().forEach(line -> dues.merge(line.entityInn(), line.item().sum(), Money::plus));
        assertThat(allocation.entities()).hasSize(dues.size());
        for (EntityAllocation row : allocation.entities()) {
            assertThat(row.due()).isEqualTo(dues.get(row.entityInn()));
            Money paid = Money.ZERO;
            for (PaymentMeans means : PaymentMeans.values()) {
                assertThat(row.amountOf(means).isNegative()).isFalse();
                paid = paid.plus(row.amountOf(means));
            }
            assertThat(paid).isEqualTo(row.due());
        }
        assertThat(allocation.total()).isEqualTo(purchase.total());
        assertThat(allocation.totalOf(PaymentMeans.CARD)).isEqualTo(tendered(purchase, PaymentMeans.CARD));
        assertThat(allocation.totalOf(PaymentMeans.PREPAYMENT)).isEqualTo(tendered(purchase, PaymentMeans.PREPAYMENT));
        assertThat(allocation.totalOf(PaymentMeans.OTHER)).isEqualTo(tendered(purchase, PaymentMeans.OTHER));
        assertThat(allocation.totalOf(PaymentMeans.CASH).plus(allocation.change()))
                .isEqualTo(tendered(purchase, PaymentMeans.CASH));
        assertThat(allocation.change().isNegative()).isFalse();
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void theFirstMeansFillsAPrefixOfTheSortedEntities(@ForAll("purchases") Purchase purchase) {
        Allocation allocation = split(purchase).allocation();
        // The generator must reach what the rules are about, or the property proves little.
        Statistics.label("several entities").collect(rows(allocation) > 1)
                .coverage(c -> c.check(true).percentage(p -> p > 40));
        Statistics.label("an entity paid by both cash and card").collect(allocation.entities().stream()
                        .anyMatch(r -> r.cash().isGreaterThan(Money.ZERO) && r.card().isGreaterThan(Money.ZERO)))
                .coverage(c -> c.check(true).percentage(p -> p > 40));
        Statistics.label("order").collect(allocation.order())
                .coverage(c -> c.check(PaymentOrder.CARD_FIRST).percentage(p -> p > 30));
        Statistics.label("change").collect(allocation.change().isGreaterThan(Money.ZERO))
                .coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("equal amounts").collect(allocation.entities().stream()
                        .map(r -> r.cash().plus(r.card())).distinct().count() < rows(allocation))
                .coverage(c -> c.check(true).percentage(p -> p > 10));
        boolean cashFirst = allocation.order() == PaymentOrder.CASH_FIRST;
        PaymentMeans first = cashFirst ? PaymentMeans.CASH : PaymentMeans.CARD;
        PaymentMeans second = cashFirst ? PaymentMeans.CARD : PaymentMeans.CASH;
        List<EntityAllocation> rows = allocation.entities();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                Money earlier = rows.get(i).cash().plus(rows.get(i).card());
                Money later = rows.get(j).cash().plus(rows.get(j).card());
                // The seed sorts "the amounts per entity": what is left for cash and card to pay.
                assertThat(cashFirst ? earlier.compareTo(later) <= 0 : earlier.compareTo(later) >= 0).isTrue();
                if (earlier.equals(later)) {
                    assertThat(rows.get(i).entityInn()).isLessThan(rows.get(j).entityInn());
                }
                if (rows.get(i).amountOf(second).isGreaterThan(Money.ZERO)) {
                    assertThat(rows.get(j).amountOf(first)).as("%s after %s", rows.get(j), rows.get(i)).isEqualTo(Money.ZERO);
                }
            }
        }
        assertThat(rows.stream().filter(r -> r.cash().isGreaterThan(Money.ZERO) && r.card().isGreaterThan(Money.ZERO)))
                .hasSizeLessThanOrEqualTo(1);
    }

    @Property
    void everyEntityWithACardPartHasOneTransactionOnATerminalServingIt(@ForAll("purchases") Purchase purchase) {
        Allocation allocation = split(purchase).allocation();
        List<CardTransaction> transactions = allocation.cardTransactions();
        assertThat(transactions).extracting(CardTransaction::entityInn).doesNotHaveDuplicates();
        assertThat(transactions).hasSize((int) allocation.entities().stream()
                .filter(r -> r.card().isGreaterThan(Money.ZERO)).count());
        for (CardTransaction transaction : transactions) {
            assertThat(transaction.terminal().serves(transaction.entityInn())).isTrue();
            assertThat(purchase.terminals()).contains(transaction.terminal());
        }
    }

    /**
     * Determinism: the same purchase gives the same result; and the allocation, the order of the
     * receipts and each receipt's payments do not change when the lines are reordered, a means is
     * taken in several tenders, or the terminals are listed differently. The lines on a receipt
     * follow the purchase's order, so a reordered purchase gives the same lines reordered.
     */
    @Property
    void theSplitDependsOnlyOnAmountsAndMeans(@ForAll("purchases") Purchase purchase, @ForAll Random random) {
        SplitPurchase sale = split(purchase);
        assertThat(split(purchase)).isEqualTo(sale);

        List<PurchaseItem> shuffled = new ArrayList<>(purchase.items());
        Collections.shuffle(shuffled, random);
        List<Terminal> terminals = new ArrayList<>(purchase.terminals());
        Collections.shuffle(terminals, random);
        List<Tender> tenders = new ArrayList<>();
        for (Tender tender : purchase.tenders()) {
            long kopecks = tender.amount().kopecks();
            if (kopecks > 1 && random.nextBoolean()) {
                long piece = 1 + random.nextLong(kopecks - 1);
                tenders.add(new Tender(tender.means(), Money.ofKopecks(piece)));
                tenders.add(new Tender(tender.means(), Money.ofKopecks(kopecks - piece)));
            } else {
                tenders.add(tender);
            }
        }
        SplitPurchase again = split(new Purchase(shuffled, tenders, terminals));

        assertThat(again.allocation()).isEqualTo(sale.allocation());
        assertThat(again.receipts()).extracting(EntityReceipt::entityInn)
                .containsExactlyElementsOf(sale.receipts().stream().map(EntityReceipt::entityInn).toList());
        for (int i = 0; i < sale.receipts().size(); i++) {
            EntityReceipt before = sale.receipts().get(i);
            EntityReceipt after = again.receipts().get(i);
            assertThat(after.payments()).isEqualTo(before.payments());
            assertThat(after.total()).isEqualTo(before.total());
            assertThat(after.items()).containsExactlyInAnyOrderElementsOf(before.items());
            assertThat(after.items()).containsExactlyElementsOf(shuffled.stream()
                    .filter(line -> line.entityInn().equals(after.entityInn())).map(PurchaseItem::item).toList());
        }
    }

    // ---------------------------------------------------------------- refunds

    /**
     * Random returns, each of random lines and quantities, some asking for more than is left,
     * then a full return of the rest: no means of any entity ever gets back more than it paid,
     * every refund receipt balances, and in the end every means got back exactly what it paid.
     */
    @Property(tries = 500)
    void refundsNeverExceedWhatEachMeansPaidEachEntity(@ForAll("purchases") Purchase purchase, @ForAll Random random) {
        SplitPurchase sale = split(purchase);
        List<Refund> refunds = new ArrayList<>();
        long[] returned = new long[purchase.items().size()];
        int rounds = random.nextInt(4);
        for (int round = 0; round < rounds; round++) {
            List<RefundLine> lines = new ArrayList<>();
            boolean tooMuch = false;
            for (int index = 0; index < returned.length; index++) {
                long left = purchase.items().get(index).item().quantity().thousandths() - returned[index];
                if (random.nextInt(3) == 0) {
                    long asked = 1 + random.nextLong(left + 1);
                    tooMuch |= asked > left;
                    lines.add(new RefundLine(index, Quantity.ofThousandths(asked)));
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            RefundResult result = planner.plan(sale, refunds, lines);
            if (tooMuch) {
                assertThat(result).isInstanceOf(RefundResult.Refused.class);
                assertThat(((RefundResult.Refused) result).violations())
                        .extracting(Violation::code).containsOnly("refund_exceeds_purchase");
                continue;
            }
            assertThat(result).isInstanceOf(RefundResult.Planned.class);
            refunds.add(((RefundResult.Planned) result).refund());
            lines.forEach(line -> returned[line.index()] += line.quantity().thousandths());
            assertWithinSale(sale, refunds);
        }
        RefundResult rest = planner.planFull(sale, refunds);
        if (rest instanceof RefundResult.Planned planned) {
            refunds.add(planned.refund());
        } else {
            assertThat(((RefundResult.Refused) rest).violations()).extracting(Violation::code).containsExactly("nothing_to_refund");
        }
        Map<String, Map<PaymentMeans, Money>> back = assertWithinSale(sale, refunds);
        for (EntityReceipt receipt : sale.receipts()) {
            assertThat(back.getOrDefault(receipt.entityInn(), Map.of())).isEqualTo(receipt.payments());
        }
        for (int index = 0; index < purchase.items().size(); index++) {
            int line = index;
            Item sold = purchase.items().get(index).item();
            List<Item> parts = refunds.stream().flatMap(r -> r.receipts().stream()).flatMap(r -> r.lines().stream())
                    .filter(l -> l.index() == line).map(EntityLine::item).toList();
            assertThat(Money.sum(parts.stream().map(Item::sum).toList())).isEqualTo(sold.sum());
            assertThat(parts.stream().mapToLong(p -> p.quantity().thousandths()).sum()).isEqualTo(sold.quantity().thousandths());
        }
    }

    /** Checks the refunds so far against the sale and returns what each entity got back by means. */
    private static Map<String, Map<PaymentMeans, Money>> assertWithinSale(SplitPurchase sale, List<Refund> refunds) {
        Map<String, Map<PaymentMeans, Money>> back = new HashMap<>();
        for (Refund refund : refunds) {
            for (EntityRefund receipt : refund.receipts()) {
                assertThat(Money.sum(receipt.items().stream().map(Item::sum).toList())).isEqualTo(receipt.total());
                assertThat(Money.sum(receipt.payments().values())).isEqualTo(receipt.total());
                receipt.payments().forEach((means, amount) -> back
                        .computeIfAbsent(receipt.entityInn(), inn -> new EnumMap<>(PaymentMeans.class))
                        .merge(means, amount, Money::plus));
                receipt.cardTransaction().ifPresent(card -> assertThat(card.terminal())
                        .isEqualTo(sale.allocation().entity(receipt.entityInn()).orElseThrow().terminal()));
            }
        }
        back.forEach((inn, byMeans) -> {
            EntityReceipt paid = sale.receipt(inn).orElseThrow();
            byMeans.forEach((means, amount) -> assertThat(amount.compareTo(paid.paymentOf(means)))
                    .as("%s %s back %s of %s", inn, means, amount, paid.paymentOf(means)).isLessThanOrEqualTo(0));
        });
        return back;
    }
}
