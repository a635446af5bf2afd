package ru.openkassa.core.validation;

/**
 * The stable codes of {@link Violation}. Clients act on the code, so a code never changes its
 * meaning; new rules get new codes. The table in core/README.md lists them all.
 */
public enum ViolationCode implements CodedProblem {
    REQUIRED("required",
            "Обязательное поле не заполнено", "Required field is missing"),
    WRONG_TYPE("wrong_type",
            "Неверный тип значения", "Wrong value type"),
    TOO_LONG("too_long",
            "Слишком длинное значение", "Value is too long"),
    OUT_OF_RANGE("out_of_range",
            "Значение вне допустимого диапазона", "Value is out of the allowed range"),
    BAD_FORMAT("bad_format",
            "Неверный формат", "Invalid format"),
    BAD_INN("bad_inn",
            "Неверный ИНН", "Invalid INN"),
    BAD_DATE("bad_date",
            "Неверная дата", "Invalid date"),
    UNKNOWN_VALUE("unknown_value",
            "Недопустимое значение", "Unknown value"),
    FRACTIONAL_DIGITS("fractional_digits",
            "Слишком много знаков после запятой", "Too many fractional digits"),
    NOT_POSITIVE("not_positive",
            "Значение должно быть больше нуля", "The value must be greater than zero"),
    TOO_MANY("too_many",
            "Слишком много элементов", "Too many entries"),
    TOO_FEW("too_few",
            "Слишком мало элементов", "Too few entries"),
    SUM_MISMATCH("sum_mismatch",
            "Стоимость позиции не равна цене, умноженной на количество",
            "Item sum is not price multiplied by quantity"),
    TOTAL_MISMATCH("total_mismatch",
            "Итог чека не равен сумме стоимостей позиций", "Receipt total is not the sum of the items"),
    PAYMENTS_MISMATCH("payments_mismatch",
            "Оплаты не соответствуют итогу чека", "Payments do not match the receipt total"),
    VAT_MISMATCH("vat_mismatch",
            "Сумма НДС не соответствует ставке", "VAT amount does not match the rate"),
    VAT_RATE_RETIRED("vat_rate_retired",
            "Ставка НДС больше не действует", "The VAT rate is no longer in force"),
    CLIENT_CONTACT_REQUIRED("client_contact_required",
            "Нужен e-mail или телефон покупателя", "A buyer e-mail or phone is required"),
    CORRECTION_INFO_REQUIRED("correction_info_required",
            "Для чека коррекции нужно основание коррекции (correction_info)",
            "A correction receipt needs correction_info");

    private final String code;
    private final String messageRu;
    private final String messageEn;

    ViolationCode(String code, String messageRu, String messageEn) {
        this.code = code;
        this.messageRu = messageRu;
        this.messageEn = messageEn;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String messageRu() {
        return messageRu;
    }

    @Override
    public String messageEn() {
        return messageEn;
    }
}
