package ru.openkassa.core.ofd;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ffd.Requisites;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvFormatException;

/**
 * Подтверждение оператора (document 7), the OFD's receipt for one fiscal document; only on it does
 * the FN count the document as delivered. Laid out as yandex/ofd's mock OFD builds it: 1017, 1041,
 * 1040, 1012, the message to the FN 1068 holding the answer code 1022, and the operator's sign
 * 1078 (filled by a real OFD's crypto hardware; ours is whatever the emulator chooses).
 *
 * @param fnNumber     1041 the FN whose document is confirmed
 * @param fdNumber     1040 the document confirmed
 * @param dateTime     1012 when the OFD received it
 * @param ofdInn       1017
 * @param operatorSign 1078 ФПО, up to 16 bytes; empty when there is none
 */
public record OperatorConfirmation(
        String fnNumber, long fdNumber, LocalDateTime dateTime, String ofdInn, OfdResponseCode code, byte[] operatorSign) {

    public OperatorConfirmation {
        operatorSign = operatorSign == null ? new byte[0] : operatorSign.clone();
        if (operatorSign.length > 16) {
            throw new IllegalArgumentException("operator sign longer than 16 bytes");
        }
    }

    public FiscalDocumentTlv toDocument() {
        List<Tlv> requisites = new ArrayList<>(List.of(
                FfdTag.OFD_INN.tlv(String.format("%-12s", ofdInn)),
                FfdTag.FISCAL_DRIVE_NUMBER.tlv(fnNumber),
                FfdTag.FISCAL_DOCUMENT_NUMBER.tlv(fdNumber),
                FfdTag.DATE_TIME.tlv(dateTime),
                FfdTag.MESSAGE_TO_FN.tlv(List.of(FfdTag.OFD_RESPONSE_CODE.tlv(code.code())))));
        if (operatorSign.length > 0) {
            requisites.add(FfdTag.OPERATOR_FISCAL_SIGN.tlv(operatorSign));
        }
        return new FiscalDocumentTlv(FfdTag.OPERATOR_CONFIRMATION.number(), requisites);
    }

    /**
     * Reads document 7. The answer code is taken from inside 1068 as yandex/ofd places it, or
     * from the top level where some writers put it.
     *
     * @throws TlvFormatException when it is not a confirmation or lacks a requisite
     */
    public static OperatorConfirmation from(FiscalDocumentTlv document) {
        if (document.code() != FfdTag.OPERATOR_CONFIRMATION.number()) {
            throw new TlvFormatException("document " + document.code() + " is not an operator confirmation (7)");
        }
        Requisites requisites = document.read();
        int code = requisites.structure(FfdTag.MESSAGE_TO_FN)
                .flatMap(message -> message.get(FfdTag.OFD_RESPONSE_CODE))
                .or(() -> requisites.get(FfdTag.OFD_RESPONSE_CODE))
                .orElseThrow(() -> new TlvFormatException("missing tag 1022 ofdResponseCode"));
        OfdResponseCode responseCode = OfdResponseCode.fromCode(code)
                .orElseThrow(() -> new TlvFormatException("unknown OFD response code " + code));
        return new OperatorConfirmation(
                requisites.require(FfdTag.FISCAL_DRIVE_NUMBER),
                requisites.require(FfdTag.FISCAL_DOCUMENT_NUMBER),
                requisites.require(FfdTag.DATE_TIME),
                requisites.require(FfdTag.OFD_INN).strip(),
                responseCode,
                requisites.get(FfdTag.OPERATOR_FISCAL_SIGN).orElse(new byte[0]));
    }

    @Override
    public byte[] operatorSign() {
        return operatorSign.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OperatorConfirmation that
                && fnNumber.equals(that.fnNumber) && fdNumber == that.fdNumber && dateTime.equals(that.dateTime)
                && ofdInn.equals(that.ofdInn) && code == that.code && Arrays.equals(operatorSign, that.operatorSign);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {fnNumber, fdNumber, dateTime, ofdInn, code, Arrays.hashCode(operatorSign)});
    }

    @Override
    public String toString() {
        return "OperatorConfirmation[fn=" + fnNumber + ", fd=" + fdNumber + ", dateTime=" + dateTime + ", ofdInn=" + ofdInn
                + ", code=" + code + ", operatorSign=" + HexFormat.of().formatHex(operatorSign) + "]";
    }
}
