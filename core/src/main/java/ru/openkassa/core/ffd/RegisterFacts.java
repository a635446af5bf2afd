package ru.openkassa.core.ffd;

import java.util.Set;
import ru.openkassa.core.receipt.TaxSystem;

/**
 * What a register and its fiscal drive were registered with, and write into every document.
 *
 * @param registrationNumber 1037 регистрационный номер ККТ (16 digits, written space-padded to 20)
 * @param fnNumber           1041 заводской номер ФН, 16 digits
 * @param userInn            1018 ИНН пользователя, 10 or 12 digits (written space-padded to 12)
 * @param userName           1048 наименование пользователя
 * @param ofdInn             1017 ИНН ОФД
 * @param address            1009 адрес расчетов, used when a receipt does not name one
 * @param place              1187 место расчетов, used when a receipt does not name one
 * @param taxSystems         1062 the tax systems registered; a receipt without 1055 uses the only one
 * @param fnsSite            1060 адрес сайта ФНС
 */
public record RegisterFacts(
        String registrationNumber,
        String fnNumber,
        String userInn,
        String userName,
        String ofdInn,
        String address,
        String place,
        Set<TaxSystem> taxSystems,
        String fnsSite) {

    public static final String FNS_SITE = "www.nalog.gov.ru";

    public RegisterFacts {
        requireDigits("registration number (1037)", registrationNumber, 1, 20);
        requireDigits("FN number (1041)", fnNumber, 16, 16);
        requireDigits("user INN (1018)", userInn, 10, 12);
        requireDigits("OFD INN (1017)", ofdInn, 10, 12);
        taxSystems = taxSystems == null || taxSystems.isEmpty()
                ? Set.of() : Set.copyOf(taxSystems);
        fnsSite = fnsSite == null ? FNS_SITE : fnsSite;
    }

    private static void requireDigits(String what, String value, int min, int max) {
        if (value == null || value.length() < min || value.length() > max || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + " digits: " + value);
        }
    }
}
