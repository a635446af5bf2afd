package ru.openkassa.core.receipt;

import java.util.Optional;

/** Признак способа расчета, tag 1214. */
public enum PaymentMethod {
    FULL_PREPAYMENT("full_prepayment", 1),
    PREPAYMENT("prepayment", 2),
    ADVANCE("advance", 3),
    FULL_PAYMENT("full_payment", 4),
    PARTIAL_PAYMENT("partial_payment", 5),
    CREDIT("credit", 6),
    CREDIT_PAYMENT("credit_payment", 7);

    public static final int TAG = 1214;

    private final String atolName;
    private final int code;

    PaymentMethod(String atolName, int code) {
        this.atolName = atolName;
        this.code = code;
    }

    public String atolName() {
        return atolName;
    }

    public int code() {
        return code;
    }

    public static Optional<PaymentMethod> fromAtolName(String name) {
        for (PaymentMethod method : values()) {
            if (method.atolName.equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    public static Optional<PaymentMethod> fromCode(int code) {
        for (PaymentMethod method : values()) {
            if (method.code == code) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
