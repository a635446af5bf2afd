package ru.openkassa.core.receipt;

import java.time.LocalDate;

/**
 * Основание для коррекции.
 *
 * @param type       1173
 * @param baseDate   1178 дата совершения корректируемого расчета
 * @param baseNumber 1179 номер предписания налогового органа
 * @param baseName   1177 описание коррекции (FFD 1.05, ATOL v4 only)
 */
public record CorrectionInfo(CorrectionType type, LocalDate baseDate, String baseNumber, String baseName) {
}
