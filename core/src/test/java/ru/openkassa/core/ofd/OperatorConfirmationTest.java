package ru.openkassa.core.ofd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvFormatException;

class OperatorConfirmationTest {

    private final OperatorConfirmation rejected = new OperatorConfirmation("9999078900005488", 1,
            LocalDateTime.of(2026, 2, 1, 9, 0), "7704358518", OfdResponseCode.FAILED_FORMAT_CHECK, null);

    @Test
    void isDocumentSevenWithTheCodeInsideTheMessageToTheFn() {
        // The layout of yandex/ofd example/mock_ofd.py create_response: ofdInn, fiscalDriveNumber,
        // fiscalDocumentNumber, dateTime, messageToFn {ofdResponseCode}.
        FiscalDocumentTlv document = rejected.toDocument();

        assertThat(document.code()).isEqualTo(7);
        assertThat(document.requisites()).extracting(Tlv::tag).containsExactly(1017, 1041, 1040, 1012, 1068);
        assertThat(document.read().structure(FfdTag.MESSAGE_TO_FN).orElseThrow().require(FfdTag.OFD_RESPONSE_CODE)).isEqualTo(14);
        assertThat(document.get(FfdTag.OFD_INN)).contains("7704358518  ");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(OperatorConfirmation.from(FiscalDocumentTlv.parse(rejected.toDocument().toBytes()))).isEqualTo(rejected);
    }

    @Test
    void acceptsTheCodeAtTheTopLevelToo() {
        FiscalDocumentTlv flat = new FiscalDocumentTlv(7, List.of(
                FfdTag.OFD_INN.tlv("7704358518  "), FfdTag.FISCAL_DRIVE_NUMBER.tlv("9999078900005488"),
                FfdTag.FISCAL_DOCUMENT_NUMBER.tlv(3L), FfdTag.DATE_TIME.tlv(LocalDateTime.of(2026, 2, 1, 9, 0)),
                FfdTag.OFD_RESPONSE_CODE.tlv(11)));

        assertThat(OperatorConfirmation.from(flat).code()).isEqualTo(OfdResponseCode.NOT_RECOGNISED);
    }

    @Test
    void refusesOtherDocumentsAndUnknownCodes() {
        assertThatThrownBy(() -> OperatorConfirmation.from(new FiscalDocumentTlv(3, List.of()))).isInstanceOf(TlvFormatException.class);
        FiscalDocumentTlv unknownCode = new FiscalDocumentTlv(7, List.of(FfdTag.OFD_RESPONSE_CODE.tlv(42)));
        assertThatThrownBy(() -> OperatorConfirmation.from(unknownCode)).isInstanceOf(TlvFormatException.class).hasMessageContaining("42");
    }

    @Test
    void operatorSignIsAtMostSixteenBytes() {
        assertThatThrownBy(() -> new OperatorConfirmation("9999078900005488", 1, LocalDateTime.of(2026, 2, 1, 9, 0),
                "7704358518", OfdResponseCode.ACCEPTED, new byte[17])).isInstanceOf(IllegalArgumentException.class);
    }
}
