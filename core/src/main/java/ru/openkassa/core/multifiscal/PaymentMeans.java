package ru.openkassa.core.multifiscal;

import ru.openkassa.core.receipt.PaymentType;

/**
 * A means the customer pays a multi-fiscal purchase with, in the order of the fiscal tags it
 * ends up in on each legal entity's receipt.
 */
public enum PaymentMeans {
    /** 1031. The only means that can exceed what it pays for: the change is given from it. */
    CASH(PaymentType.CASH),
    /** 1081. UKM 5's "Банковская карта мульти": one bank transaction per legal entity. */
    CARD(PaymentType.ELECTRONIC),
    /** 1215, зачет аванса: an advance received earlier. */
    PREPAYMENT(PaymentType.PREPAYMENT),
    /** 1217, встречное предоставление: certificates, bonuses and the like. */
    OTHER(PaymentType.OTHER);

    private final PaymentType paymentType;

    PaymentMeans(PaymentType paymentType) {
        this.paymentType = paymentType;
    }

    /** The {@code payments[].type} of the per-entity receipt. */
    public PaymentType paymentType() {
        return paymentType;
    }
}
