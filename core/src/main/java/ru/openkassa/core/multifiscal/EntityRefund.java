package ru.openkassa.core.multifiscal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.Payment;

/**
 * The refund receipt (приход возврат) one legal entity's register prints: the returned lines with
 * the returned quantity and sum, and the money back by the means it came in. Balanced:
 * Σ line sums = {@code total} = Σ payments.
 *
 * @param payments by means, non-zero only, in the order of {@link PaymentMeans}
 * @param terminal the terminal the sale's card transaction of this entity went through; {@code null}
 *                 when nothing goes back to the card
 */
public record EntityRefund(
        String entityInn, List<EntityLine> lines, Map<PaymentMeans, Money> payments, Money total, Terminal terminal) {

    public EntityRefund {
        lines = List.copyOf(lines);
        Map<PaymentMeans, Money> ordered = new EnumMap<>(PaymentMeans.class);
        ordered.putAll(payments);
        payments = Collections.unmodifiableMap(ordered);
    }

    public List<Item> items() {
        return lines.stream().map(EntityLine::item).toList();
    }

    public Money paymentOf(PaymentMeans means) {
        return payments.getOrDefault(means, Money.ZERO);
    }

    /** The card refund to make on {@link #terminal()}, in this entity's name. */
    public Optional<CardTransaction> cardTransaction() {
        Money card = paymentOf(PaymentMeans.CARD);
        return card.equals(Money.ZERO) ? Optional.empty() : Optional.of(new CardTransaction(entityInn, card, terminal));
    }

    public List<Payment> fiscalPayments() {
        return payments.entrySet().stream().map(e -> new Payment(e.getKey().paymentType(), e.getValue())).toList();
    }

    /**
     * The fiscal document this entity's register prints ({@code sell_refund}): its lines and payments under the
     * entity's company details; the VAT per rate is left to the register, as on the refund itself.
     */
    public FiscalDocument document(Company company, Client client) {
        return new FiscalDocument(Operation.SELL_REFUND, company, client, null, null, items(), fiscalPayments(), List.of(),
                total, null, null, null, null, null, null, null);
    }
}
