package ru.openkassa.core.multifiscal;

import java.util.List;
import java.util.Map;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;

/**
 * The receipt one legal entity's register prints for its share of the purchase: only its lines,
 * in the order the cashier entered them, and the payments the allocation gave it. Always
 * balanced: Σ line sums = {@code total} = Σ payments.
 *
 * @param payments by means, non-zero only, in the order of {@link PaymentMeans}
 */
public record EntityReceipt(String entityInn, List<EntityLine> lines, Map<PaymentMeans, Money> payments, Money total)
        implements EntityShare {

    public EntityReceipt {
        lines = List.copyOf(lines);
        payments = EntityShare.ordered(payments);
    }

    /**
     * The fiscal document this entity's register prints ({@code sell}): its lines and payments under the
     * entity's company details; the VAT per rate is left to the register, as on the sale itself.
     */
    public FiscalDocument document(Company company, Client client) {
        return new FiscalDocument(Operation.SELL, company, client, null, null, items(), fiscalPayments(), List.of(),
                total, null, null, null, null, null, null, null);
    }
}
