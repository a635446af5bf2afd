package ru.openkassa.core.multifiscal;

import java.util.Locale;

/**
 * A bank card terminal of the till. UKM 5 binds a terminal to one legal entity; the seed's
 * exception is Sberbank's terminal, which can take the transactions of every entity (each still
 * made in that entity's name). Which terminals can do that is the till's configuration, so it is
 * a property of the terminal here, not a bank name we would have to keep a list of.
 *
 * @param id        the terminal id (TID) as the bank issued it
 * @param bank      the bank (settlement system); two terminals of one bank are refused in this mode
 * @param entityInn the legal entity it is bound to; {@code null}: it serves every entity
 */
public record Terminal(String id, String bank, String entityInn) {

    public static Terminal ofEntity(String id, String bank, String entityInn) {
        return new Terminal(id, bank, entityInn);
    }

    /** A terminal that makes the transaction of any legal entity (the seed's Sberbank case). */
    public static Terminal shared(String id, String bank) {
        return new Terminal(id, bank, null);
    }

    public boolean servesEveryEntity() {
        return entityInn == null;
    }

    public boolean serves(String inn) {
        return entityInn == null || entityInn.equals(inn);
    }

    /** "Сбербанк" and " сбербанк " are one bank; cashiers type the name in the till's settings. */
    String bankKey() {
        return bank == null ? "" : bank.strip().toLowerCase(Locale.ROOT);
    }
}
