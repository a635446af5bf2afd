package ru.openkassa.emulator.ofd;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;

/** A document the OFD accepted, with the time it arrived. */
public record ReceivedDocument(String fnNumber, long fdNumber, FiscalDocumentTlv document, OffsetDateTime receivedAt) {

    /** 1012: the register's local time on the document. */
    public LocalDateTime dateTime() {
        return document.get(FfdTag.DATE_TIME).orElse(receivedAt.toLocalDateTime());
    }
}
