package ru.openkassa.core.receipt;

import java.util.List;
import ru.openkassa.core.money.Money;

/**
 * A cash receipt (document 3) or a correction receipt (document 31) as the register must
 * print it. Each component names its FFD tag. An FFD 1.05 correction (ATOL v4) has no items
 * and no client; its total is the sum of its payments.
 *
 * @param total                1020 ИТОГ
 * @param cashier              1021, ≤64
 * @param cashierInn           1203
 * @param correctionInfo       1173/1174; null unless a correction
 * @param additionalCheckProps 1192, ≤16
 * @param additionalUserProps  1084
 * @param deviceNumber         1036 номер автомата, ≤20
 * @param internet             v5 {@code internet}: settlement over the internet (1125); null if absent
 */
public record FiscalDocument(
        Operation operation,
        Company company,
        Client client,
        AgentInfo agentInfo,
        SupplierInfo supplierInfo,
        List<Item> items,
        List<Payment> payments,
        List<VatAmount> vats,
        Money total,
        String cashier,
        String cashierInn,
        CorrectionInfo correctionInfo,
        String additionalCheckProps,
        AdditionalUserProps additionalUserProps,
        String deviceNumber,
        Boolean internet) {

    public FiscalDocument {
        items = items == null ? List.of() : List.copyOf(items);
        payments = payments == null ? List.of() : List.copyOf(payments);
        vats = vats == null ? List.of() : List.copyOf(vats);
    }

    public boolean isCorrection() {
        return operation.isCorrection();
    }
}
