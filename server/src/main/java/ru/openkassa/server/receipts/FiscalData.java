package ru.openkassa.server.receipts;

import java.time.OffsetDateTime;

/**
 * What the register's FN wrote: the facts a buyer, the store and the tax service check a receipt by.
 *
 * @param fdNumber           1040, the fiscal document number
 * @param fiscalSign         1077 as printed (up to 10 digits)
 * @param shiftNumber        1038
 * @param numberInShift      1042
 * @param dateTime           1012, the FN's date and time of the document
 * @param fnNumber           1041
 * @param registrationNumber 1037
 * @param ffdVersion         1209 as text ("1.2")
 * @param ofdInn             1017
 */
public record FiscalData(
        long fdNumber,
        long fiscalSign,
        int shiftNumber,
        int numberInShift,
        OffsetDateTime dateTime,
        String fnNumber,
        String registrationNumber,
        String ffdVersion,
        String ofdInn) {
}
