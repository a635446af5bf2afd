package ru.openkassa.core.receipt;

import java.util.List;

/**
 * Оператор перевода.
 *
 * @param phones  1075
 * @param name    1026
 * @param address 1005
 * @param inn     1016
 */
public record MoneyTransferOperator(List<String> phones, String name, String address, String inn) {

    public MoneyTransferOperator {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
