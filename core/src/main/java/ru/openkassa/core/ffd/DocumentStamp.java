package ru.openkassa.core.ffd;

import java.time.LocalDateTime;
import ru.openkassa.core.tlv.UInt32;

/**
 * What the fiscal drive stamps on each document it forms.
 *
 * @param fdNumber    1040 номер ФД, counted by the FN from 1 across all its documents
 * @param dateTime    1012 the register's local time, minute or second precision
 * @param shiftNumber 1038 номер смены
 */
public record DocumentStamp(long fdNumber, LocalDateTime dateTime, long shiftNumber) {

    public DocumentStamp {
        if (fdNumber < 1 || fdNumber > UInt32.MAX) {
            throw new IllegalArgumentException("FD number out of 1..4294967295: " + fdNumber);
        }
        if (shiftNumber < 0 || shiftNumber > UInt32.MAX) {
            throw new IllegalArgumentException("shift number out of 0..4294967295: " + shiftNumber);
        }
        if (dateTime.getNano() != 0) {
            // 1012 holds whole seconds; a fraction would make the signed bytes differ from the stored time.
            throw new IllegalArgumentException("date-time with a fraction of a second: " + dateTime);
        }
    }
}
