package ru.openkassa.core.receipt;

import java.util.List;

/**
 * @param operation 1044 операция платежного агента, ≤24
 * @param phones    1073 телефоны платежного агента
 */
public record PayingAgent(String operation, List<String> phones) {

    public PayingAgent {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
