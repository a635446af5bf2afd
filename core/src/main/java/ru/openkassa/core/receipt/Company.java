package ru.openkassa.core.receipt;

/**
 * The seller.
 *
 * @param email          1117 адрес электронной почты отправителя чека; absent in v4 corrections
 * @param sno            1055; null when omitted: the register uses its only registered system
 * @param inn            1018 ИНН пользователя; must match the ИНН in the fiscal drive
 * @param paymentAddress 1187 место расчетов (the store's site for online sales)
 * @param location       1009 адрес расчетов, optional
 */
public record Company(String email, TaxSystem sno, String inn, String paymentAddress, String location) {
}
