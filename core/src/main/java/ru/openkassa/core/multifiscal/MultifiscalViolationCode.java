package ru.openkassa.core.multifiscal;

import ru.openkassa.core.validation.CodedProblem;

/**
 * The stable codes of the multi-fiscal rules. Field-level faults reuse core's
 * {@link ru.openkassa.core.validation.ViolationCode} ({@code required}, {@code bad_inn},
 * {@code out_of_range}, {@code not_positive}); these are the rules of the mode itself. A code
 * never changes its meaning.
 */
public enum MultifiscalViolationCode implements CodedProblem {
    EMPTY_PURCHASE("empty_purchase",
            "В чеке нет ни одной позиции", "The purchase has no items"),
    PAYMENTS_DO_NOT_COVER_TOTAL("payments_do_not_cover_total",
            "Оплаты не покрывают итог чека", "The payments do not cover the purchase total"),
    CHANGE_ONLY_FROM_CASH("change_only_from_cash",
            "Безналичные оплаты больше итога; сдача выдается только с наличных",
            "Non-cash payments exceed the total; change is given only from cash"),
    SEVERAL_TERMINALS_OF_ONE_BANK("several_terminals_of_one_bank",
            "В режиме многофискальности нельзя использовать несколько терминалов одного банка",
            "Multi-fiscal mode cannot use several terminals of one bank"),
    NO_TERMINAL_FOR_ENTITY("no_terminal_for_entity",
            "Нет банковского терминала для юрлица", "No card terminal for the legal entity"),
    SEVERAL_TERMINALS_FOR_ENTITY("several_terminals_for_entity",
            "Юрлицо обслуживают несколько терминалов", "Several terminals serve the legal entity"),
    EMPTY_REFUND("empty_refund",
            "В возврате нет ни одной позиции", "The refund has no lines"),
    UNKNOWN_PURCHASE_LINE("unknown_purchase_line",
            "В чеке продажи нет такой позиции", "The sale has no such line"),
    REFUND_EXCEEDS_PURCHASE("refund_exceeds_purchase",
            "Возврат больше проданного", "The refund exceeds what was sold"),
    NOTHING_TO_REFUND("nothing_to_refund",
            "По чеку уже все возвращено", "Everything of the sale is already refunded");

    private final String code;
    private final String messageRu;
    private final String messageEn;

    MultifiscalViolationCode(String code, String messageRu, String messageEn) {
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
