package ru.openkassa.core.receipt;

import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;

/**
 * Предмет расчета, tag 1059. A field is null when the request did not carry it; an accepted
 * request has every field its version requires.
 *
 * @param name            1030, ≤128
 * @param price           1079, with discounts applied
 * @param quantity        1023
 * @param measure         2108 (v5)
 * @param measurementUnit 1197 (v4), ≤16
 * @param sum             1043 = price × quantity
 * @param paymentMethod   1214; may be absent in v4 (the register's default applies)
 * @param paymentObject   1212; may be absent in v4
 * @param vat             1199
 * @param vatSum          1200; null: the register computes it
 * @param agentInfo       1222/1223
 * @param supplierInfo    1224 (1171, 1225, 1226)
 * @param userData        1191, ≤64
 * @param excise          1229
 * @param countryCode     1230, 1..3 digits
 * @param declarationNumber 1231, ≤32
 * @param markCode        1163 (v5), kept for the marking feature
 * @param markQuantity    1291 (v5)
 */
public record Item(
        String name,
        Money price,
        Quantity quantity,
        Measure measure,
        String measurementUnit,
        Money sum,
        PaymentMethod paymentMethod,
        PaymentObject paymentObject,
        VatRate vat,
        Money vatSum,
        AgentInfo agentInfo,
        SupplierInfo supplierInfo,
        String userData,
        Money excise,
        String countryCode,
        String declarationNumber,
        MarkCode markCode,
        MarkQuantity markQuantity) {

    /** A plain item: everything optional left out. */
    public static Item of(
            String name, Money price, Quantity quantity, Money sum,
            PaymentMethod paymentMethod, PaymentObject paymentObject, VatRate vat) {
        return new Item(name, price, quantity, null, null, sum, paymentMethod, paymentObject, vat,
                null, null, null, null, null, null, null, null, null);
    }
}
