package ru.openkassa.core.receipt;

import java.util.Optional;

/**
 * The key of ATOL v5 {@code items[].mark_code}, each the FFD 1.2 sub-tag of tag 1163 (код
 * товара) it is written to. 1300..1307 as documented by the Sber e-com SDK; 1308/1309 for the
 * EGAIS codes follow the same sequence [uncertain until the marking feature checks them].
 */
public enum MarkCodeType {
    UNKNOWN("unknown", 1300),
    EAN8("ean8", 1301),
    EAN13("ean13", 1302),
    ITF14("itf14", 1303),
    GS10("gs10", 1304),
    GS1M("gs1m", 1305),
    SHORT("short", 1306),
    FUR("fur", 1307),
    EGAIS20("egais20", 1308),
    EGAIS30("egais30", 1309);

    private final String atolName;
    private final int tag;

    MarkCodeType(String atolName, int tag) {
        this.atolName = atolName;
        this.tag = tag;
    }

    public String atolName() {
        return atolName;
    }

    public int tag() {
        return tag;
    }

    public static Optional<MarkCodeType> fromAtolName(String name) {
        for (MarkCodeType type : values()) {
            if (type.atolName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
