package ru.openkassa.emulator.fn;

/** The FFD document codes the virtual drive forms. */
public enum FnDocumentType {
    SHIFT_OPEN(2),
    RECEIPT(3),
    SHIFT_CLOSE(5),
    CORRECTION(31);

    private final int code;

    FnDocumentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isReceipt() {
        return this == RECEIPT || this == CORRECTION;
    }

    public static FnDocumentType ofCode(int code) {
        for (FnDocumentType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a document the virtual drive forms: " + code);
    }
}
