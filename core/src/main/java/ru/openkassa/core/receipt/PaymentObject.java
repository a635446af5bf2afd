package ru.openkassa.core.receipt;

import java.util.Optional;

/**
 * Признак предмета расчета, tag 1212. ATOL v4 sends the strings of the v4 schema
 * (skodnik/atol-online {@code data/api/schemas/v4-FFD-1.05/request/sell.json}), v5 the FFD
 * 1.2 code itself. Codes 27 and 30..33 exist only in FFD 1.2 and have no v4 string.
 */
public enum PaymentObject {
    COMMODITY(1, "commodity"),
    EXCISE(2, "excise"),
    JOB(3, "job"),
    SERVICE(4, "service"),
    GAMBLING_BET(5, "gambling_bet"),
    GAMBLING_PRIZE(6, "gambling_prize"),
    LOTTERY(7, "lottery"),
    LOTTERY_PRIZE(8, "lottery_prize"),
    INTELLECTUAL_ACTIVITY(9, "intellectual_activity"),
    PAYMENT(10, "payment"),
    AGENT_COMMISSION(11, "agent_commission"),
    /**
     * 12: "составной предмет расчета" in FFD 1.05, sent as {@code composite} per ATOL v4 doc
     * 4.6; FFD 1.2 redefined 12 as "выплата" and ATOL v4 doc 5.15 calls it {@code award}.
     * Both strings are accepted.
     */
    AWARD(12, "award"),
    ANOTHER(13, "another"),
    PROPERTY_RIGHT(14, "property_right"),
    NON_OPERATING_GAIN(15, "non-operating_gain"),
    INSURANCE_PREMIUM(16, "insurance_premium"),
    SALES_TAX(17, "sales_tax"),
    RESORT_FEE(18, "resort_fee"),
    DEPOSIT(19, "deposit"),
    EXPENSE(20, "expense"),
    PENSION_INSURANCE_IP(21, "pension_insurance_ip"),
    PENSION_INSURANCE(22, "pension_insurance"),
    MEDICAL_INSURANCE_IP(23, "medical_insurance_ip"),
    MEDICAL_INSURANCE(24, "medical_insurance"),
    SOCIAL_INSURANCE(25, "social_insurance"),
    CASINO_PAYMENT(26, "casino_payment"),
    /** Выдача денежных средств банковским платежным агентом. */
    BANK_AGENT_CASH_OUT(27, null),
    EXCISE_MARKED_WITHOUT_CODE(30, null),
    EXCISE_MARKED_WITH_CODE(31, null),
    MARKED_WITHOUT_CODE(32, null),
    MARKED_WITH_CODE(33, null);

    public static final int TAG = 1212;
    private static final String V4_COMPOSITE = "composite";

    private final int code;
    private final String atolV4Name;

    PaymentObject(int code, String atolV4Name) {
        this.code = code;
        this.atolV4Name = atolV4Name;
    }

    public int code() {
        return code;
    }

    /** The ATOL v4 string, empty for FFD 1.2-only codes. */
    public Optional<String> atolV4Name() {
        return Optional.ofNullable(atolV4Name);
    }

    public static Optional<PaymentObject> fromAtolV4Name(String name) {
        if (V4_COMPOSITE.equals(name)) {
            return Optional.of(AWARD);
        }
        for (PaymentObject object : values()) {
            if (object.atolV4Name != null && object.atolV4Name.equals(name)) {
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }

    public static Optional<PaymentObject> fromCode(int code) {
        for (PaymentObject object : values()) {
            if (object.code == code) {
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }
}
