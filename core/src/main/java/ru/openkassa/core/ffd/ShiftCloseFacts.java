package ru.openkassa.core.ffd;

import java.time.LocalDateTime;

/**
 * Counters of the shift close report (document 5) that a monitoring screen needs.
 *
 * @param receiptsInShift        1118 количество кассовых чеков за смену
 * @param documentsInShift       1111 количество фискальных документов за смену
 * @param unsentDocuments        1097 количество непереданных ФД
 * @param firstUnsentDateTime    1098 дата и время первого из непереданных ФД; null when none
 * @param firstUnsentNumber      1116 номер первого непереданного документа; null when none
 * @param ofdResponseTimeout     1053 признак превышения времени ожидания ответа ОФД
 */
public record ShiftCloseFacts(
        long receiptsInShift,
        long documentsInShift,
        long unsentDocuments,
        LocalDateTime firstUnsentDateTime,
        Long firstUnsentNumber,
        boolean ofdResponseTimeout) {

    public ShiftCloseFacts {
        if (receiptsInShift < 0 || documentsInShift < 0 || unsentDocuments < 0) {
            throw new IllegalArgumentException("negative counter");
        }
        if (unsentDocuments > 0 && (firstUnsentDateTime == null || firstUnsentNumber == null)) {
            throw new IllegalArgumentException("unsent documents without the first one's date and number");
        }
        if (unsentDocuments == 0 && (firstUnsentDateTime != null || firstUnsentNumber != null)) {
            throw new IllegalArgumentException("first unsent document named while none is unsent");
        }
    }

    public static ShiftCloseFacts allSent(long receiptsInShift, long documentsInShift) {
        return new ShiftCloseFacts(receiptsInShift, documentsInShift, 0, null, null, false);
    }
}
