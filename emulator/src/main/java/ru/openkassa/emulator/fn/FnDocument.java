package ru.openkassa.emulator.fn;

import java.time.OffsetDateTime;
import ru.openkassa.core.money.Money;

/**
 * One fiscal document as the drive keeps it until (and after) the OFD confirms it.
 *
 * @param fdNumber     1040, gapless from 1 for the life of the drive
 * @param dateTime     1012 with the register's offset (the TLV carries the local time only)
 * @param shiftNumber  1038
 * @param numberInShift 1042 for receipts, 0 for shift reports
 * @param fiscalSign   1077 as printed: the 4-byte unsigned form, up to 10 digits
 * @param total        1020 for receipts, zero for reports
 * @param tlv          the document as sent to the OFD: the document's own STLV (tag = type code)
 */
public record FnDocument(
        long fdNumber,
        FnDocumentType type,
        OffsetDateTime dateTime,
        long shiftNumber,
        long numberInShift,
        long fiscalSign,
        Money total,
        byte[] tlv) {

    public FnDocument {
        tlv = tlv.clone();
    }

    @Override
    public byte[] tlv() {
        return tlv.clone();
    }
}
