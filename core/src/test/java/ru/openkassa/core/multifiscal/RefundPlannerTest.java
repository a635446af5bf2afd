package ru.openkassa.core.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static ru.openkassa.core.multifiscal.Purchases.A;
import static ru.openkassa.core.multifiscal.Purchases.B;
import static ru.openkassa.core.multifiscal.Purchases.C;
import static ru.openkassa.core.multifiscal.Purchases.line;
import static ru.openkassa.core.multifiscal.Purchases.ownTerminals;
import static ru.openkassa.core.multifiscal.Purchases.rub;
import static ru.openkassa.core.multifiscal.Purchases.sberbank;
import static ru.openkassa.core.multifiscal.Purchases.seedLines;
import static ru.openkassa.core.multifiscal.Purchases.split;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.validation.Violation;

/** Returns of a split purchase: exact amounts, back to the means each entity was paid with. */
class RefundPlannerTest {

    private final RefundPlanner planner = new RefundPlanner();

    private static Quantity qty(String value) {
        return Quantity.parse(new BigDecimal(value));
    }

    /** The seed's cash-first sale, C's 700.00 as two lines: A 300 | C 400 | B 1000 | C 300. */
    private static SplitPurchase cashFirstSale() {
        return split(new Purchase(
                List.of(line(A, "300.00"), line(C, "400.00"), line(B, "1000.00"), line(C, "300.00")),
                List.of(Tender.cash(rub("800.00")), Tender.card(rub("1200.00"))), ownTerminals(A, B, C)));
    }

    private Refund planned(RefundResult result) {
        assertThat(result).isInstanceOf(RefundResult.Planned.class);
        return ((RefundResult.Planned) result).refund();
    }

    private List<Violation> refused(RefundResult result) {
        assertThat(result).isInstanceOf(RefundResult.Refused.class);
        return ((RefundResult.Refused) result).violations();
    }

    @Test
    void aFullRefundGivesEveryEntityBackExactlyWhatEachMeansPaid() {
        Refund refund = planned(planner.planFull(cashFirstSale(), List.of()));

        assertThat(refund.receipts())
                .extracting(EntityRefund::entityInn, EntityRefund::total, EntityRefund::payments)
                .containsExactly(
                        tuple(A, rub("300.00"), Map.of(PaymentMeans.CASH, rub("300.00"))),
                        tuple(C, rub("700.00"), Map.of(PaymentMeans.CASH, rub("500.00"), PaymentMeans.CARD, rub("200.00"))),
                        tuple(B, rub("1000.00"), Map.of(PaymentMeans.CARD, rub("1000.00"))));
        assertThat(refund.receipts().get(1).lines()).extracting(EntityLine::index).containsExactly(1, 3);
        assertThat(refund.receipts().get(1).cardTransaction().orElseThrow().terminal().id()).isEqualTo("T" + C);
        assertThat(refund.receipts().getFirst().terminal()).isNull();
    }

    @Test
    void aPartialRefundOfAMixedEntityGoesToTheCardFirstThenCash() {
        SplitPurchase sale = cashFirstSale();
        Refund first = planned(planner.plan(sale, List.of(), List.of(new RefundLine(3, Quantity.ONE))));
        assertThat(first.receipts()).singleElement().satisfies(c -> {
            assertThat(c.entityInn()).isEqualTo(C);
            assertThat(c.payments()).containsExactly(
                    Map.entry(PaymentMeans.CASH, rub("100.00")), Map.entry(PaymentMeans.CARD, rub("200.00")));
        });
        Refund second = planned(planner.plan(sale, List.of(first), List.of(new RefundLine(1, Quantity.ONE))));
        assertThat(second.receipts()).singleElement()
                .extracting(EntityRefund::payments)
                .isEqualTo(Map.of(PaymentMeans.CASH, rub("400.00")));
    }

    @Test
    void aCardFirstSaleRefundsTheMixedEntityToItsCardFirstToo() {
        SplitPurchase sale = split(new Purchase(seedLines(),
                List.of(Tender.card(rub("1500.00")), Tender.cash(rub("500.00"))), List.of(sberbank())));
        Refund refund = planned(planner.plan(sale, List.of(), List.of(new RefundLine(2, Quantity.ONE), new RefundLine(0, Quantity.ONE))));
        assertThat(refund.receipts())
                .extracting(EntityRefund::entityInn, EntityRefund::payments)
                .containsExactly(
                        tuple(C, Map.of(PaymentMeans.CARD, rub("500.00"), PaymentMeans.CASH, rub("200.00"))),
                        tuple(A, Map.of(PaymentMeans.CASH, rub("300.00"))));
        assertThat(refund.receipts().getFirst().terminal()).isEqualTo(sberbank());
    }

    @Test
    void partOfALineReturnsItsSumInProportionRoundedSoThatTheLastPartClosesIt() {
        // 100.00 for three: 33.33, then 66.67 − 33.33, then 100.00 − 66.67.
        Item three = new Item("Набор", rub("33.34"), Quantity.of(3), null, null, rub("100.00"),
                null, null, null, null, null, null, null, null, null, null, null, null);
        SplitPurchase sale = split(new Purchase(List.of(new PurchaseItem(A, three), line(B, "1.00")),
                List.of(Tender.cash(rub("101.00"))), List.of()));
        List<Refund> refunds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refunds.add(planned(planner.plan(sale, refunds, List.of(new RefundLine(0, Quantity.ONE)))));
        }
        assertThat(refunds).extracting(Refund::total).containsExactly(rub("33.33"), rub("33.34"), rub("33.33"));
        assertThat(refunds.get(1).receipts().getFirst().items()).singleElement()
                .extracting(Item::quantity, Item::sum, Item::price)
                .containsExactly(Quantity.ONE, rub("33.34"), rub("33.34"));
        assertThat(refused(planner.plan(sale, refunds, List.of(new RefundLine(0, qty("0.001"))))))
                .extracting(Violation::code, Violation::field, Violation::messageEn)
                .containsExactly(tuple("refund_exceeds_purchase", "lines[0].quantity",
                        "The refund exceeds what was sold: sold 3, refunded before 3, requested 0.001"));
    }

    @Test
    void aWeighedLineCanComeBackInPartsAndAFullRefundTakesTheRest() {
        SplitPurchase sale = split(new Purchase(List.of(line(A, "499.90", "1.25"), line(B, "10.00")),
                List.of(Tender.card(rub("634.88"))), List.of(sberbank())));
        Refund part = planned(planner.plan(sale, List.of(), List.of(new RefundLine(0, qty("0.4")))));
        assertThat(part.total()).isEqualTo(rub("199.96"));
        assertThat(part.receipts().getFirst().items().getFirst().vatSum()).isNull();
        Refund rest = planned(planner.planFull(sale, List.of(part)));
        assertThat(rest.receipts()).extracting(EntityRefund::entityInn, EntityRefund::total)
                .containsExactly(tuple(A, rub("424.92")), tuple(B, rub("10.00")));
        assertThat(rest.receipts().getFirst().items().getFirst().quantity()).isEqualTo(qty("0.85"));
        assertThat(refused(planner.planFull(sale, List.of(part, rest))))
                .extracting(Violation::code).containsExactly("nothing_to_refund");
    }

    @Test
    void theSameLineNamedTwiceCountsOnceWithBothQuantities() {
        SplitPurchase sale = split(new Purchase(List.of(line(A, "10.00", "2")),
                List.of(Tender.cash(rub("20.00"))), List.of()));
        Refund both = planned(planner.plan(sale, List.of(),
                List.of(new RefundLine(0, Quantity.ONE), new RefundLine(0, Quantity.ONE))));
        assertThat(both.receipts().getFirst().items()).singleElement()
                .extracting(Item::quantity, Item::sum).containsExactly(Quantity.of(2), rub("20.00"));
        assertThat(refused(planner.plan(sale, List.of(),
                List.of(new RefundLine(0, Quantity.ONE), new RefundLine(0, qty("1.001"))))))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("refund_exceeds_purchase", "lines[0].quantity"));
    }

    @Test
    void prepaymentComesBackAfterMoney() {
        SplitPurchase sale = split(new Purchase(List.of(line(A, "100.00", "2")),
                List.of(Tender.prepayment(rub("50.00")), Tender.cash(rub("150.00"))), List.of()));
        Refund one = planned(planner.plan(sale, List.of(), List.of(new RefundLine(0, Quantity.ONE))));
        assertThat(one.receipts().getFirst().payments()).isEqualTo(Map.of(PaymentMeans.CASH, rub("100.00")));
        Refund other = planned(planner.planFull(sale, List.of(one)));
        assertThat(other.receipts().getFirst().payments())
                .isEqualTo(Map.of(PaymentMeans.CASH, rub("50.00"), PaymentMeans.PREPAYMENT, rub("50.00")));
    }

    @Test
    void badReturnsAreRefusedWithEveryProblem() {
        SplitPurchase sale = cashFirstSale();
        assertThat(refused(planner.plan(sale, List.of(), List.of())))
                .extracting(Violation::code, Violation::field).containsExactly(tuple("empty_refund", "lines"));
        assertThat(refused(planner.plan(sale, List.of(), List.of(
                new RefundLine(4, Quantity.ONE), new RefundLine(-1, null),
                new RefundLine(0, Quantity.ofThousandths(0)), new RefundLine(2, Quantity.of(2))))))
                .extracting(Violation::code, Violation::field)
                .containsExactly(
                        tuple("unknown_purchase_line", "lines[0].index"),
                        tuple("unknown_purchase_line", "lines[1].index"),
                        tuple("required", "lines[1].quantity"),
                        tuple("not_positive", "lines[2].quantity"),
                        tuple("refund_exceeds_purchase", "lines[3].quantity"));
    }

    @Test
    void earlierRefundsOfAnotherSaleAreABug() {
        SplitPurchase sale = cashFirstSale();
        Refund foreign = new Refund(List.of(new EntityRefund(B, List.of(new EntityLine(0, line(B, "1.00").item())),
                Map.of(PaymentMeans.CASH, rub("1.00")), rub("1.00"), null)));
        assertThatThrownBy(() -> planner.planFull(sale, List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refundingNothingButAZeroSumLineMakesAZeroReceipt() {
        SplitPurchase sale = split(new Purchase(List.of(line(A, "0.00"), line(B, "5.00")),
                List.of(Tender.cash(rub("5.00"))), List.of()));
        Refund refund = planned(planner.plan(sale, List.of(), List.of(new RefundLine(0, Quantity.ONE))));
        assertThat(refund.receipts()).singleElement()
                .extracting(EntityRefund::total, EntityRefund::payments)
                .containsExactly(Money.ZERO, Map.of());
    }
}
