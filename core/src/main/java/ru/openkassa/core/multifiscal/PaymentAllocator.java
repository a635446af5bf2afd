package ru.openkassa.core.multifiscal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * Divides the payments of a multi-fiscal purchase among its legal entities, by the rules of
 * UKM 5's multi-fiscal mode (seed 002), to the kopeck:
 *
 * <ol>
 * <li><b>Prepayment, then other means</b> (the seed is silent on them) are taken first, because
 *     they are settled before the cashier asks for money: each is shared out in proportion to
 *     what every entity still owes, by largest remainders (whole kopecks; a leftover kopeck goes
 *     to the larger remainder, ties to the smaller ИНН). Proportional keeps a gift certificate
 *     or an advance from landing on one entity by accident of sorting.</li>
 * <li><b>Cash first</b>: the amounts still owed are sorted ascending; the cash (less change) is
 *     spread along that list until it runs out; the rest of each entity is paid by card.</li>
 * <li><b>Card first</b>: sorted descending; a card transaction per entity until the card amount
 *     runs out; the rest in cash.</li>
 * <li>Equal amounts are ordered by ИНН ascending in both directions, so the result never
 *     depends on the order of the lines.</li>
 * <li>Change: the customer may overpay only in cash; card, prepayment and other together may
 *     not exceed the total. The change stays out of the entity rows: every entity receipt
 *     balances to its total, and the till hands the change back once.</li>
 * <li>Terminals: each entity with a card part needs exactly one terminal serving it, its own or a
 *     shared one; two terminals of one bank are refused whatever the purchase (seed, note 1).</li>
 * </ol>
 */
public final class PaymentAllocator {

    /** Whichever of cash and card was taken first; a purchase without either is cash first (nothing to order). */
    public static PaymentOrder orderOf(List<Tender> tenders) {
        for (Tender tender : tenders) {
            if (tender.means() == PaymentMeans.CASH) {
                return PaymentOrder.CASH_FIRST;
            }
            if (tender.means() == PaymentMeans.CARD) {
                return PaymentOrder.CARD_FIRST;
            }
        }
        return PaymentOrder.CASH_FIRST;
    }

    /** The rules on the payments and terminals that need no totals: fields, and one terminal per bank. */
    public List<Violation> checkPayments(List<Tender> tenders, List<Terminal> terminals) {
        List<Violation> found = new ArrayList<>();
        for (int i = 0; i < tenders.size(); i++) {
            Tender tender = tenders.get(i);
            String path = "tenders[" + i + "]";
            if (tender.means() == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".means"));
            }
            if (tender.amount() == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".amount"));
            } else if (!tender.amount().isGreaterThan(Money.ZERO)) {
                found.add(ViolationCode.NOT_POSITIVE.at(path + ".amount"));
            } else if (tender.amount().isGreaterThan(Money.MAX_FISCAL)) {
                found.add(ViolationCode.OUT_OF_RANGE.at(path + ".amount",
                        Phrase.of("не больше " + Money.MAX_FISCAL, "at most " + Money.MAX_FISCAL)));
            }
        }
        Map<String, Integer> firstOfBank = new HashMap<>();
        for (int i = 0; i < terminals.size(); i++) {
            Terminal terminal = terminals.get(i);
            String path = "terminals[" + i + "]";
            if (terminal.id() == null || terminal.id().isBlank()) {
                found.add(ViolationCode.REQUIRED.at(path + ".id"));
            }
            if (terminal.bank() == null || terminal.bank().isBlank()) {
                found.add(ViolationCode.REQUIRED.at(path + ".bank"));
            } else {
                Integer first = firstOfBank.putIfAbsent(terminal.bankKey(), i);
                if (first != null) {
                    found.add(MultifiscalViolationCode.SEVERAL_TERMINALS_OF_ONE_BANK.at(path + ".bank", Phrase.of(
                            terminal.bank() + ", как и terminals[" + first + "]",
                            terminal.bank() + ", as terminals[" + first + "]")));
                }
            }
            if (!terminal.servesEveryEntity()) {
                EntityInnRule.check(path + ".entity_inn", terminal.entityInn()).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * @param dues what each legal entity is owed (ИНН → Σ of its lines), each 0..{@link Money#MAX_FISCAL};
     *             the iteration order does not matter
     * @throws IllegalArgumentException for a null or negative due: the caller sums the lines, so that is a bug
     */
    public AllocationResult allocate(Map<String, Money> dues, List<Tender> tenders, List<Terminal> terminals) {
        List<Violation> found = new ArrayList<>(checkPayments(tenders, terminals));
        if (dues.isEmpty()) {
            found.add(MultifiscalViolationCode.EMPTY_PURCHASE.at("items"));
        }
        if (!found.isEmpty()) {
            return new AllocationResult.Refused(found);
        }
        List<Row> rows = new ArrayList<>();
        dues.forEach((inn, due) -> {
            if (inn == null || due == null || due.isNegative()) {
                throw new IllegalArgumentException("bad due " + inn + " = " + due);
            }
            rows.add(new Row(inn, due));
        });
        rows.sort(Comparator.comparing(row -> row.inn));

        Map<PaymentMeans, Money> tendered = new EnumMap<>(PaymentMeans.class);
        for (PaymentMeans means : PaymentMeans.values()) {
            tendered.put(means, Money.ZERO);
        }
        for (Tender tender : tenders) {
            tendered.merge(tender.means(), tender.amount(), Money::plus);
        }
        Money total = Money.sum(rows.stream().map(row -> row.due).toList());
        Money nonCash = tendered.get(PaymentMeans.CARD)
                .plus(tendered.get(PaymentMeans.PREPAYMENT))
                .plus(tendered.get(PaymentMeans.OTHER));
        Money paid = nonCash.plus(tendered.get(PaymentMeans.CASH));
        if (nonCash.isGreaterThan(total)) {
            found.add(MultifiscalViolationCode.CHANGE_ONLY_FROM_CASH.at("tenders", Phrase.of(
                    "безналичные " + nonCash + " при итоге " + total,
                    "non-cash " + nonCash + " against a total of " + total)));
        } else if (total.isGreaterThan(paid)) {
            found.add(MultifiscalViolationCode.PAYMENTS_DO_NOT_COVER_TOTAL.at("tenders", Phrase.of(
                    "оплачено " + paid + " при итоге " + total + ", не хватает " + total.minus(paid),
                    "paid " + paid + " against a total of " + total + ", " + total.minus(paid) + " short")));
        }
        if (!found.isEmpty()) {
            return new AllocationResult.Refused(found);
        }

        Money change = paid.minus(total);
        share(tendered.get(PaymentMeans.PREPAYMENT), rows, PaymentMeans.PREPAYMENT);
        share(tendered.get(PaymentMeans.OTHER), rows, PaymentMeans.OTHER);

        PaymentOrder order = orderOf(tenders);
        Comparator<Row> byUnpaid = Comparator.comparing(Row::unpaid);
        rows.sort((order == PaymentOrder.CASH_FIRST ? byUnpaid : byUnpaid.reversed())
                .thenComparing(row -> row.inn));
        PaymentMeans first = order == PaymentOrder.CASH_FIRST ? PaymentMeans.CASH : PaymentMeans.CARD;
        PaymentMeans second = order == PaymentOrder.CASH_FIRST ? PaymentMeans.CARD : PaymentMeans.CASH;
        Money left = first == PaymentMeans.CASH ? tendered.get(PaymentMeans.CASH).minus(change) : tendered.get(PaymentMeans.CARD);
        for (Row row : rows) {
            Money unpaid = row.unpaid();
            Money taken = unpaid.compareTo(left) <= 0 ? unpaid : left;
            row.paid.put(first, taken);
            row.paid.put(second, unpaid.minus(taken));
            left = left.minus(taken);
        }

        List<EntityAllocation> table = new ArrayList<>();
        for (Row row : rows) {
            Terminal terminal = null;
            if (row.paid.get(PaymentMeans.CARD).isGreaterThan(Money.ZERO)) {
                List<Terminal> serving = terminals.stream().filter(t -> t.serves(row.inn)).toList();
                if (serving.isEmpty()) {
                    found.add(MultifiscalViolationCode.NO_TERMINAL_FOR_ENTITY.at("terminals", Phrase.of(
                            "ИНН " + row.inn + ", по карте " + row.paid.get(PaymentMeans.CARD),
                            "INN " + row.inn + ", card " + row.paid.get(PaymentMeans.CARD))));
                } else if (serving.size() > 1) {
                    found.add(MultifiscalViolationCode.SEVERAL_TERMINALS_FOR_ENTITY.at("terminals", Phrase.of(
                            "ИНН " + row.inn + ": " + ids(serving), "INN " + row.inn + ": " + ids(serving))));
                } else {
                    terminal = serving.getFirst();
                }
            }
            table.add(new EntityAllocation(row.inn, row.due,
                    row.paid.get(PaymentMeans.CASH), row.paid.get(PaymentMeans.CARD),
                    row.paid.get(PaymentMeans.PREPAYMENT), row.paid.get(PaymentMeans.OTHER), terminal));
        }
        if (!found.isEmpty()) {
            return new AllocationResult.Refused(found);
        }
        return new AllocationResult.Allocated(new Allocation(order, table, change));
    }

    /**
     * Hamilton's largest-remainder method over what each row still owes. {@code amount} never
     * exceeds the sum owed (checked above), so no row gets more than it owes: its exact share is
     * at most its debt, and a leftover kopeck only rounds a fractional share up.
     */
    private static void share(Money amount, List<Row> rowsByInn, PaymentMeans means) {
        long owed = 0;
        for (Row row : rowsByInn) {
            owed = Math.addExact(owed, row.unpaid().kopecks());
        }
        if (amount.equals(Money.ZERO) || owed == 0) {
            return;
        }
        BigInteger whole = BigInteger.valueOf(owed);
        long[] shares = new long[rowsByInn.size()];
        BigInteger[] remainders = new BigInteger[rowsByInn.size()];
        long given = 0;
        for (int i = 0; i < shares.length; i++) {
            BigInteger[] division = BigInteger.valueOf(amount.kopecks())
                    .multiply(BigInteger.valueOf(rowsByInn.get(i).unpaid().kopecks()))
                    .divideAndRemainder(whole);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1];
            given += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            byRemainder.add(i);
        }
        // Rows are in ИНН order and the sort is stable: equal remainders favour the smaller ИНН.
        byRemainder.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int k = 0; k < amount.kopecks() - given; k++) {
            shares[byRemainder.get(k)]++;
        }
        for (int i = 0; i < shares.length; i++) {
            rowsByInn.get(i).paid.put(means, Money.ofKopecks(shares[i]));
        }
    }

    private static String ids(List<Terminal> terminals) {
        return String.join(", ", terminals.stream().map(t -> t.bank() + " " + t.id()).toList());
    }

    private static final class Row {
        final String inn;
        final Money due;
        final Map<PaymentMeans, Money> paid = new EnumMap<>(PaymentMeans.class);

        Row(String inn, Money due) {
            this.inn = inn;
            this.due = due;
            for (PaymentMeans means : PaymentMeans.values()) {
                paid.put(means, Money.ZERO);
            }
        }

        Money unpaid() {
            return due.minus(Money.sum(paid.values()));
        }
    }
}
