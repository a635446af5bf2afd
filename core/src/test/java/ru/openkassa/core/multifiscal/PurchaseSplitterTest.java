package ru.openkassa.core.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static ru.openkassa.core.multifiscal.Purchases.A;
import static ru.openkassa.core.multifiscal.Purchases.B;
import static ru.openkassa.core.multifiscal.Purchases.C;
import static ru.openkassa.core.multifiscal.Purchases.line;
import static ru.openkassa.core.multifiscal.Purchases.ownTerminals;
import static ru.openkassa.core.multifiscal.Purchases.refusal;
import static ru.openkassa.core.multifiscal.Purchases.rub;
import static ru.openkassa.core.multifiscal.Purchases.sberbank;
import static ru.openkassa.core.multifiscal.Purchases.seedLines;
import static ru.openkassa.core.multifiscal.Purchases.split;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.validation.Violation;

/** The seed's examples and the split of lines into per-entity receipts. */
class PurchaseSplitterTest {

    @Test
    void cashFirstSpreadsCashAscendingAndTheRestByCard() {
        SplitPurchase sale = split(new Purchase(seedLines(),
                List.of(Tender.cash(rub("800.00")), Tender.card(rub("1200.00"))), ownTerminals(A, B, C)));

        assertThat(sale.allocation().order()).isEqualTo(PaymentOrder.CASH_FIRST);
        assertThat(sale.allocation().entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::cash, EntityAllocation::card)
                .containsExactly(
                        tuple(A, rub("300.00"), rub("0.00")),
                        tuple(C, rub("500.00"), rub("200.00")),
                        tuple(B, rub("0.00"), rub("1000.00")));
        assertThat(sale.allocation().cardTransactions())
                .extracting(CardTransaction::entityInn, CardTransaction::amount, t -> t.terminal().id())
                .containsExactly(tuple(C, rub("200.00"), "T" + C), tuple(B, rub("1000.00"), "T" + B));
        assertThat(sale.allocation().change()).isEqualTo(Money.ZERO);
    }

    @Test
    void cardFirstTakesCardDescendingAndTheRestInCash() {
        SplitPurchase sale = split(new Purchase(seedLines(),
                List.of(Tender.card(rub("1500.00")), Tender.cash(rub("500.00"))), ownTerminals(A, B, C)));

        assertThat(sale.allocation().order()).isEqualTo(PaymentOrder.CARD_FIRST);
        assertThat(sale.allocation().entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::card, EntityAllocation::cash)
                .containsExactly(
                        tuple(B, rub("1000.00"), rub("0.00")),
                        tuple(C, rub("500.00"), rub("200.00")),
                        tuple(A, rub("0.00"), rub("300.00")));
        assertThat(sale.allocation().cardTransactions()).extracting(CardTransaction::entityInn).containsExactly(B, C);
    }

    @Test
    void eachEntityGetsOnlyItsLinesInTheCashiersOrderAndItsPayments() {
        List<PurchaseItem> lines = List.of(
                line(B, "600.00"), line(A, "100.00"), line(C, "700.00"), line(A, "200.00"), line(B, "400.00"));
        SplitPurchase sale = split(new Purchase(lines,
                List.of(Tender.cash(rub("800.00")), Tender.card(rub("1200.00"))), ownTerminals(A, B, C)));

        assertThat(sale.receipts()).extracting(EntityReceipt::entityInn).containsExactly(A, C, B);
        EntityReceipt b = sale.receipt(B).orElseThrow();
        assertThat(b.lines()).extracting(EntityLine::index).containsExactly(0, 4);
        assertThat(b.items()).extracting(Item::sum).containsExactly(rub("600.00"), rub("400.00"));
        assertThat(b.total()).isEqualTo(rub("1000.00"));
        assertThat(b.payments()).containsExactly(Map.entry(PaymentMeans.CARD, rub("1000.00")));
        EntityReceipt c = sale.receipt(C).orElseThrow();
        assertThat(c.fiscalPayments()).containsExactly(
                new Payment(PaymentType.CASH, rub("500.00")), new Payment(PaymentType.ELECTRONIC, rub("200.00")));
        assertThat(sale.receipt(A).orElseThrow().lines()).extracting(EntityLine::index).containsExactly(1, 3);
    }

    @Test
    void oneSharedTerminalMakesOneTransactionPerEntityInItsName() {
        SplitPurchase sale = split(new Purchase(seedLines(), List.of(Tender.card(rub("2000.00"))), List.of(sberbank())));

        assertThat(sale.allocation().cardTransactions())
                .extracting(CardTransaction::entityInn, CardTransaction::amount, t -> t.terminal().bank())
                .containsExactly(
                        tuple(B, rub("1000.00"), "Сбербанк"),
                        tuple(C, rub("700.00"), "Сбербанк"),
                        tuple(A, rub("300.00"), "Сбербанк"));
    }

    @Test
    void violationsOfLinesAndPaymentsComeTogether() {
        List<PurchaseItem> lines = List.of(
                new PurchaseItem(null, line(A, "1.00").item()),
                new PurchaseItem("7701011526", line(A, "1.00").item()),
                new PurchaseItem(B, null),
                new PurchaseItem(C, withSum(line(C, "1.00").item(), Money.ofKopecks(-1))));
        List<Violation> violations = refusal(new Purchase(lines,
                List.of(Tender.cash(Money.ZERO)),
                List.of(Terminal.ofEntity("1", "ВТБ", A), Terminal.ofEntity("2", "втб ", B))));

        assertThat(violations).extracting(Violation::code, Violation::field).containsExactly(
                tuple("required", "items[0].entity_inn"),
                tuple("bad_inn", "items[1].entity_inn"),
                tuple("required", "items[2].item"),
                tuple("out_of_range", "items[3].sum"),
                tuple("not_positive", "tenders[0].amount"),
                tuple("several_terminals_of_one_bank", "terminals[1].bank"));
        assertThat(violations.get(1).messageRu()).isEqualTo("Неверный ИНН: не сходится контрольное число");
        assertThat(violations.get(5).messageEn())
                .isEqualTo("Multi-fiscal mode cannot use several terminals of one bank: втб , as terminals[0]");
    }

    @Test
    void anEmptyPurchaseIsRefused() {
        assertThat(refusal(new Purchase(List.of(), List.of(), List.of())))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("empty_purchase", "items"));
    }

    @Test
    void anEntityTotalBeyondWhatOneReceiptHoldsIsRefused() {
        Money half = Money.ofKopecks(Money.MAX_FISCAL.kopecks() / 2 + 1);
        List<PurchaseItem> lines = List.of(
                new PurchaseItem(A, withSum(line(A, "1.00").item(), half)),
                new PurchaseItem(A, withSum(line(A, "1.00").item(), half)));
        assertThat(refusal(new Purchase(lines, List.of(Tender.cash(Money.MAX_FISCAL)), List.of())))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("out_of_range", "items"));
    }

    @Test
    void aZeroQuantityIsRefusedBecauseRefundsDivideByIt() {
        Item item = line(A, "1.00").item();
        Item zero = new Item(item.name(), item.price(), ru.openkassa.core.money.Quantity.ofThousandths(0),
                null, null, item.sum(), null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(refusal(new Purchase(List.of(new PurchaseItem(A, zero)), List.of(Tender.cash(rub("1.00"))), List.of())))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("not_positive", "items[0].quantity"));
    }

    private static Item withSum(Item item, Money sum) {
        return new Item(item.name(), item.price(), item.quantity(), item.measure(), item.measurementUnit(), sum,
                item.paymentMethod(), item.paymentObject(), item.vat(), item.vatSum(), null, null, null, null,
                null, null, null, null);
    }
}
