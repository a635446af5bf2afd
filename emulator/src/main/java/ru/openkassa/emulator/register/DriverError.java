package ru.openkassa.emulator.register;

/**
 * ATOL driver errors (KKT driver 10 numbering, the one ATOL Online reports in
 * {@code error.code} with {@code type: "driver"}) that the virtual register can give.
 */
public enum DriverError {
    // The receipt itself is wrong: no register would print it.
    INVALID_PARAM(13, "Некорректное значение параметра", false),
    INVALID_RECEIPT_TYPE(48, "Неверный тип чека", false),
    INVALID_RNM_INN(88, "Недопустимый РНМ и/или ИНН", false),
    INVALID_TAXATION_TYPE(143, "Некорректная СНО", false),
    // This register cannot print now; another one can (the device API's retryable).
    NO_PAPER(44, "Нет бумаги", true),
    SHIFT_EXPIRED(68, "Смена превысила 24 часа", true),
    DENIED_IN_CLOSED_SHIFT(73, "Смена закрыта - операция невозможна", true),
    DENIED_IN_OPENED_SHIFT(83, "Смена открыта, операция невозможна", true),
    FN_EXPIRED(120, "Закончен срок эксплуатации ФН", true),
    FN_ARCHIVE_FULL(121, "Архив ФН переполнен", true),
    FN_INVALID_DATE_TIME(122, "В ФН переданы неверная дата или время", true),
    FN_OFD_WAIT_EXHAUSTED(140, "Исчерпан ресурс ожидания передачи сообщения в ФН", true),
    FN_SHIFT_EXPIRED(141, "Продолжительность смены ФН более 24 часов", true);

    public static final String TYPE = "driver";

    private final int code;
    private final String text;
    private final boolean retryable;

    DriverError(int code, String text, boolean retryable) {
        this.code = code;
        this.text = text;
        this.retryable = retryable;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The register is sure it printed nothing and another register may take the receipt. */
    public boolean retryable() {
        return retryable;
    }
}
