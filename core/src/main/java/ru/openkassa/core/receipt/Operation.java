package ru.openkassa.core.receipt;

import java.util.Optional;

/** The {@code <operation>} of an ATOL Online request: which receipt the register prints. */
public enum Operation {
    SELL("sell", 1, false),
    SELL_REFUND("sell_refund", 2, false),
    BUY("buy", 3, false),
    BUY_REFUND("buy_refund", 4, false),
    SELL_CORRECTION("sell_correction", 1, true),
    BUY_CORRECTION("buy_correction", 3, true),
    SELL_REFUND_CORRECTION("sell_refund_correction", 2, true),
    BUY_REFUND_CORRECTION("buy_refund_correction", 4, true);

    /** FFD document codes: 3 кассовый чек, 31 кассовый чек коррекции. */
    public static final int RECEIPT_DOCUMENT = 3;
    public static final int CORRECTION_DOCUMENT = 31;

    private final String atolName;
    private final int calculationSign;
    private final boolean correction;

    Operation(String atolName, int calculationSign, boolean correction) {
        this.atolName = atolName;
        this.calculationSign = calculationSign;
        this.correction = correction;
    }

    public String atolName() {
        return atolName;
    }

    public static Optional<Operation> fromAtolName(String name) {
        for (Operation operation : values()) {
            if (operation.atolName.equals(name)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    public boolean isCorrection() {
        return correction;
    }

    /** Tag 1054 признак расчета: 1 приход, 2 возврат прихода, 3 расход, 4 возврат расхода. */
    public int calculationSign() {
        return calculationSign;
    }

    public int documentCode() {
        return correction ? CORRECTION_DOCUMENT : RECEIPT_DOCUMENT;
    }

    /**
     * FFD 1.05 had correction receipts only for приход and расход; refund corrections came
     * with FFD 1.2, so ATOL offers them in v5 only.
     */
    public boolean availableIn(AtolVersion version) {
        return version == AtolVersion.V5
                || (this != SELL_REFUND_CORRECTION && this != BUY_REFUND_CORRECTION);
    }
}
