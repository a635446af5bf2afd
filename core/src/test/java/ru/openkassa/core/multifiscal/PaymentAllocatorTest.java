package ru.openkassa.core.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static ru.openkassa.core.multifiscal.Purchases.A;
import static ru.openkassa.core.multifiscal.Purchases.B;
import static ru.openkassa.core.multifiscal.Purchases.C;
import static ru.openkassa.core.multifiscal.Purchases.ownTerminals;
import static ru.openkassa.core.multifiscal.Purchases.rub;
import static ru.openkassa.core.multifiscal.Purchases.sberbank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.validation.Violation;

/** The payment rules on per-entity amounts. A = 7701…, B = 7802…, C = 5003…: by ИНН C < A < B. */
class PaymentAllocatorTest {

    private final PaymentAllocator allocator = new PaymentAllocator();

    private static Map<String, Money> dues(String... innAndAmount) {
        Map<String, Money> dues = new LinkedHashMap<>();
        for (int i = 0; i < innAndAmount.length; i += 2) {
            dues.put(innAndAmount[i], rub(innAndAmount[i + 1]));
        }
        return dues;
    }

    private static Map<String, Money> seed() {
        return dues(A, "300.00", B, "1000.00", C, "700.00");
    }

    private Allocation allocated(Map<String, Money> dues, List<Tender> tenders, List<Terminal> terminals) {
        AllocationResult result = allocator.allocate(dues, tenders, terminals);
        assertThat(result).isInstanceOf(AllocationResult.Allocated.class);
        return ((AllocationResult.Allocated) result).allocation();
    }

    private List<Violation> refused(Map<String, Money> dues, List<Tender> tenders, List<Terminal> terminals) {
        AllocationResult result = allocator.allocate(dues, tenders, terminals);
        assertThat(result).isInstanceOf(AllocationResult.Refused.class);
        return ((AllocationResult.Refused) result).violations();
    }

    @Test
    void oneEntityPaidByBothMeans() {
        Allocation allocation = allocated(dues(A, "99.99"),
                List.of(Tender.cash(rub("50.00")), Tender.card(rub("49.99"))), ownTerminals(A));
        assertThat(allocation.entities()).extracting(EntityAllocation::cash, EntityAllocation::card)
                .containsExactly(tuple(rub("50.00"), rub("49.99")));
    }

    @Test
    void equalAmountsAreOrderedByInnInBothDirections() {
        Map<String, Money> dues = dues(B, "500.00", A, "500.00", C, "500.00");
        Allocation cashFirst = allocated(dues,
                List.of(Tender.cash(rub("700.00")), Tender.card(rub("800.00"))), ownTerminals(A, B, C));
        assertThat(cashFirst.entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::cash, EntityAllocation::card)
                .containsExactly(
                        tuple(C, rub("500.00"), rub("0.00")),
                        tuple(A, rub("200.00"), rub("300.00")),
                        tuple(B, rub("0.00"), rub("500.00")));
        Allocation cardFirst = allocated(dues,
                List.of(Tender.card(rub("700.00")), Tender.cash(rub("800.00"))), ownTerminals(A, B, C));
        assertThat(cardFirst.entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::card, EntityAllocation::cash)
                .containsExactly(
                        tuple(C, rub("500.00"), rub("0.00")),
                        tuple(A, rub("200.00"), rub("300.00")),
                        tuple(B, rub("0.00"), rub("500.00")));
    }

    @Test
    void cashCoveringEverythingNeedsNoTerminal() {
        Allocation allocation = allocated(seed(), List.of(Tender.cash(rub("2000.00"))), List.of());
        assertThat(allocation.totalOf(PaymentMeans.CASH)).isEqualTo(rub("2000.00"));
        assertThat(allocation.cardTransactions()).isEmpty();
        assertThat(allocation.change()).isEqualTo(Money.ZERO);
    }

    @Test
    void cardCoveringEverythingIsOneTransactionPerEntityDescending() {
        Allocation allocation = allocated(seed(), List.of(Tender.card(rub("2000.00"))), ownTerminals(A, B, C));
        assertThat(allocation.order()).isEqualTo(PaymentOrder.CARD_FIRST);
        assertThat(allocation.cardTransactions())
                .extracting(CardTransaction::entityInn, CardTransaction::amount, t -> t.terminal().entityInn())
                .containsExactly(
                        tuple(B, rub("1000.00"), B), tuple(C, rub("700.00"), C), tuple(A, rub("300.00"), A));
        assertThat(allocation.totalOf(PaymentMeans.CASH)).isEqualTo(Money.ZERO);
    }

    @Test
    void aKopeckOfCashBeyondTheSmallestEntityStartsTheNext() {
        Allocation allocation = allocated(seed(),
                List.of(Tender.cash(rub("300.01")), Tender.card(rub("1699.99"))), ownTerminals(A, B, C));
        assertThat(allocation.entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::cash, EntityAllocation::card)
                .containsExactly(
                        tuple(A, rub("300.00"), rub("0.00")),
                        tuple(C, rub("0.01"), rub("699.99")),
                        tuple(B, rub("0.00"), rub("1000.00")));
    }

    @Test
    void aKopeckShortOfTheSmallestEntityLeavesItAKopeckByCard() {
        Allocation allocation = allocated(seed(),
                List.of(Tender.cash(rub("299.99")), Tender.card(rub("1700.01"))), ownTerminals(A, B, C));
        assertThat(allocation.entity(A).orElseThrow())
                .extracting(EntityAllocation::cash, EntityAllocation::card)
                .containsExactly(rub("299.99"), rub("0.01"));
        assertThat(allocation.cardTransactions()).hasSize(3);
    }

    @Test
    void changeIsGivenFromCashAndStaysOutOfTheReceipts() {
        Allocation allocation = allocated(seed(),
                List.of(Tender.card(rub("1500.00")), Tender.cash(rub("1000.00"))), ownTerminals(A, B, C));
        assertThat(allocation.change()).isEqualTo(rub("500.00"));
        assertThat(allocation.totalOf(PaymentMeans.CASH)).isEqualTo(rub("500.00"));
        assertThat(allocation.entity(A).orElseThrow().cash()).isEqualTo(rub("300.00"));
        assertThat(allocation.entity(C).orElseThrow().cash()).isEqualTo(rub("200.00"));
    }

    @Test
    void cashOnlyOverpaymentIsChange() {
        Allocation allocation = allocated(dues(A, "0.01"), List.of(Tender.cash(rub("5000.00"))), List.of());
        assertThat(allocation.change()).isEqualTo(rub("4999.99"));
        assertThat(allocation.entity(A).orElseThrow().cash()).isEqualTo(rub("0.01"));
    }

    @Test
    void severalTendersOfOneMeansAddUpAndTheFirstOfCashAndCardDecides() {
        Allocation allocation = allocated(seed(), List.of(
                Tender.prepayment(rub("100.00")), Tender.card(rub("700.00")),
                Tender.cash(rub("400.00")), Tender.card(rub("800.00"))), ownTerminals(A, B, C));
        assertThat(allocation.order()).isEqualTo(PaymentOrder.CARD_FIRST);
        assertThat(allocation.totalOf(PaymentMeans.CARD)).isEqualTo(rub("1500.00"));
    }

    @Test
    void prepaymentIsSharedInProportionBeforeCashAndCard() {
        Allocation allocation = allocated(seed(), List.of(Tender.prepayment(rub("200.00")),
                Tender.cash(rub("800.00")), Tender.card(rub("1000.00"))), ownTerminals(A, B, C));
        assertThat(allocation.entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::prepayment,
                        EntityAllocation::cash, EntityAllocation::card)
                .containsExactly(
                        tuple(A, rub("30.00"), rub("270.00"), rub("0.00")),
                        tuple(C, rub("70.00"), rub("530.00"), rub("100.00")),
                        tuple(B, rub("100.00"), rub("0.00"), rub("900.00")));
    }

    @Test
    void aLeftoverKopeckOfAShareGoesToTheLargestRemainderThenTheSmallerInn() {
        Allocation even = allocated(dues(A, "1.00", B, "1.00", C, "1.00"),
                List.of(Tender.other(rub("1.00")), Tender.cash(rub("2.00"))), List.of());
        assertThat(even.entities()).extracting(EntityAllocation::entityInn, EntityAllocation::other)
                .containsExactlyInAnyOrder(
                        tuple(C, rub("0.34")), tuple(A, rub("0.33")), tuple(B, rub("0.33")));
        // 0.02 × 2/3 = 0.0133…, 0.02 × 1/3 = 0.0066…: the larger remainder (B's) takes the odd kopeck.
        Allocation uneven = allocated(dues(A, "0.02", B, "0.01"),
                List.of(Tender.other(rub("0.02")), Tender.cash(rub("0.01"))), List.of());
        assertThat(uneven.entity(A).orElseThrow().other()).isEqualTo(rub("0.01"));
        assertThat(uneven.entity(B).orElseThrow().other()).isEqualTo(rub("0.01"));
    }

    @Test
    void otherIsSharedAfterPrepaymentOverWhatIsStillOwed() {
        Allocation allocation = allocated(dues(A, "100.00", B, "300.00"),
                List.of(Tender.prepayment(rub("100.00")), Tender.other(rub("300.00"))), List.of());
        assertThat(allocation.entities())
                .extracting(EntityAllocation::entityInn, EntityAllocation::prepayment, EntityAllocation::other)
                .containsExactly(
                        tuple(A, rub("25.00"), rub("75.00")),
                        tuple(B, rub("75.00"), rub("225.00")));
    }

    @Test
    void paymentsShortOfTheTotalAreRefused() {
        assertThat(refused(seed(), List.of(Tender.cash(rub("500.00")), Tender.card(rub("1499.99"))), ownTerminals(A, B, C)))
                .extracting(Violation::code, Violation::field, Violation::messageEn)
                .containsExactly(tuple("payments_do_not_cover_total", "tenders",
                        "The payments do not cover the purchase total: paid 1999.99 against a total of 2000.00, 0.01 short"));
    }

    @Test
    void nonCashBeyondTheTotalIsRefusedBecauseChangeComesOnlyFromCash() {
        assertThat(refused(seed(), List.of(Tender.card(rub("1900.00")), Tender.other(rub("100.01"))), List.of(sberbank())))
                .extracting(Violation::code).containsExactly("change_only_from_cash");
    }

    @Test
    void anEntityNeedingCardWithoutATerminalIsRefusedByName() {
        List<Violation> violations = refused(seed(),
                List.of(Tender.cash(rub("800.00")), Tender.card(rub("1200.00"))), ownTerminals(B));
        assertThat(violations).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("no_terminal_for_entity", "terminals"));
        assertThat(violations.getFirst().messageRu())
                .isEqualTo("Нет банковского терминала для юрлица: ИНН " + C + ", по карте 200.00");
    }

    @Test
    void anEntityServedByItsOwnAndASharedTerminalIsAmbiguous() {
        List<Terminal> terminals = new ArrayList<>(ownTerminals(B));
        terminals.add(sberbank());
        assertThat(refused(seed(), List.of(Tender.card(rub("2000.00"))), terminals))
                .extracting(Violation::code, Violation::messageEn)
                .containsExactly(tuple("several_terminals_for_entity",
                        "Several terminals serve the legal entity: INN " + B + ": Банк " + B + " T" + B + ", Сбербанк 10293847"));
    }

    @Test
    void twoTerminalsOfOneBankAreRefusedEvenWithoutCard() {
        List<Terminal> terminals = List.of(Terminal.shared("1", "Сбербанк"), Terminal.shared("2", "СБЕРБАНК"));
        assertThat(refused(seed(), List.of(Tender.cash(rub("2000.00"))), terminals))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("several_terminals_of_one_bank", "terminals[1].bank"));
    }

    @Test
    void brokenTendersAndTerminalsAreNamedByField() {
        List<Tender> tenders = List.of(new Tender(null, null), Tender.cash(Money.ofKopecks(-5)),
                Tender.card(Money.MAX_FISCAL.plus(Money.ofKopecks(1))));
        List<Terminal> terminals = List.of(new Terminal(" ", null, "123"));
        assertThat(refused(seed(), tenders, terminals))
                .extracting(Violation::code, Violation::field)
                .containsExactly(
                        tuple("required", "tenders[0].means"),
                        tuple("required", "tenders[0].amount"),
                        tuple("not_positive", "tenders[1].amount"),
                        tuple("out_of_range", "tenders[2].amount"),
                        tuple("required", "terminals[0].id"),
                        tuple("required", "terminals[0].bank"),
                        tuple("bad_inn", "terminals[0].entity_inn"));
    }

    @Test
    void noEntitiesIsAnEmptyPurchase() {
        assertThat(refused(Map.of(), List.of(), List.of())).extracting(Violation::code).containsExactly("empty_purchase");
    }

    @Test
    void theOrderIsTheFirstOfCashAndCard() {
        assertThat(PaymentAllocator.orderOf(List.of(Tender.other(rub("1.00")), Tender.card(rub("1.00")), Tender.cash(rub("1.00")))))
                .isEqualTo(PaymentOrder.CARD_FIRST);
        assertThat(PaymentAllocator.orderOf(List.of(Tender.prepayment(rub("1.00"))))).isEqualTo(PaymentOrder.CASH_FIRST);
    }
}
