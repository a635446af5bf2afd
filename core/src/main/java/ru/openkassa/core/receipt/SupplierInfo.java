package ru.openkassa.core.receipt;

import java.util.List;

/**
 * Данные поставщика (tag 1224); required whenever agent data is given.
 *
 * @param phones 1171
 * @param name   1225
 * @param inn    1226
 */
public record SupplierInfo(List<String> phones, String name, String inn) {

    public SupplierInfo {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
