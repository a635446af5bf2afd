package ru.openkassa.core.receipt;

import java.util.Optional;

/**
 * {@code payments[].type} of ATOL Online and the FFD tag its sum goes to.
 *
 * <p>ATOL lets each group map the "extended" types 5..9 onto any fiscal type in its cabinet.
 * We have no such setting yet, so they count as electronic money (1081), the way ATOL groups
 * come configured for online stores; a per-group mapping can replace {@link #fiscalTag()}
 * later. (One PHP SDK names them cash/cashless/prepayment/credit/other "extended", which is
 * its guess, not ATOL's rule.)
 */
public enum PaymentType {
    CASH(0, 1031),
    ELECTRONIC(1, 1081),
    PREPAYMENT(2, 1215),
    CREDIT(3, 1216),
    OTHER(4, 1217),
    EXTENDED_5(5, 1081),
    EXTENDED_6(6, 1081),
    EXTENDED_7(7, 1081),
    EXTENDED_8(8, 1081),
    EXTENDED_9(9, 1081);

    private final int atolCode;
    private final int fiscalTag;

    PaymentType(int atolCode, int fiscalTag) {
        this.atolCode = atolCode;
        this.fiscalTag = fiscalTag;
    }

    public int atolCode() {
        return atolCode;
    }

    /** 1031 наличными, 1081 безналичными, 1215 предоплатой, 1216 постоплатой, 1217 встречным предоставлением. */
    public int fiscalTag() {
        return fiscalTag;
    }

    /** Only cash can exceed the total: the change is given from it. */
    public boolean isCash() {
        return fiscalTag == 1031;
    }

    public static Optional<PaymentType> fromAtolCode(int code) {
        for (PaymentType type : values()) {
            if (type.atolCode == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
