package ru.openkassa.core.multifiscal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;

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
        String entityInn, List<EntityLine> lines, Map<PaymentMeans, Money> payments, Money total, Terminal terminal)
        implements EntityShare {

    public EntityRefund {
        lines = List.copyOf(lines);
        payments = EntityShare.ordered(payments);
    }

    /** The card refund to make on {@link #terminal()}, in this entity's name. */
    public Optional<CardTransaction> cardTransaction() {
        Money card = paymentOf(PaymentMeans.CARD);
        return card.equals(Money.ZERO) ? Optional.empty() : Optional.of(new CardTransaction(entityInn, card, terminal));
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
