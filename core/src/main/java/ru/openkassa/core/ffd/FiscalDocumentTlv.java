package ru.openkassa.core.ffd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.tlv.Stlv;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvFormatException;
import ru.openkassa.core.tlv.TlvReader;
import ru.openkassa.core.tlv.TlvWriter;

/**
 * A fiscal document as the fiscal drive stores it and sends it to the OFD: one STLV whose tag is
 * the document code (3 кассовый чек, 31 чек коррекции, 2 открытие смены, 5 закрытие смены, …)
 * and whose value is its requisites. Built from our model by the virtual FN, parsed back by the
 * OFD emulator.
 *
 * <p>The fiscal sign (1077) covers {@link #bytesToSign()}: these bytes with the 1077 requisite
 * left out (outer tag and length included, recomputed without it).
 */
public record FiscalDocumentTlv(int code, List<Tlv> requisites) {

    public FiscalDocumentTlv {
        if (code < 1 || code > 999) {
            // Tags from 1000 up are requisites, below are documents (1..84 in FFD 1.2).
            throw new IllegalArgumentException("not a document code: " + code);
        }
        requisites = List.copyOf(requisites);
    }

    /**
     * A receipt (3) or a correction receipt (31) in FFD 1.2, not yet signed.
     *
     * @param numberInShift 1042 номер чека за смену
     */
    public static FiscalDocumentTlv receipt(FiscalDocument document, RegisterFacts register, DocumentStamp stamp,
            long numberInShift) {
        return new FiscalDocumentTlv(document.operation().documentCode(),
                ReceiptRequisites.of(document, register, stamp, numberInShift));
    }

    /** Отчет об открытии смены (2), not yet signed. */
    public static FiscalDocumentTlv shiftOpen(RegisterFacts register, DocumentStamp stamp, String cashier, String cashierInn) {
        TlvWriter out = new TlvWriter();
        writeHeader(out, register, stamp);
        writeShiftTail(out, register, cashier, cashierInn);
        return new FiscalDocumentTlv(FfdTag.OPEN_SHIFT.number(), out.toList());
    }

    /** Отчет о закрытии смены (5), not yet signed. */
    public static FiscalDocumentTlv shiftClose(RegisterFacts register, DocumentStamp stamp, String cashier, String cashierInn,
            ShiftCloseFacts facts) {
        TlvWriter out = new TlvWriter();
        writeHeader(out, register, stamp);
        out.add(FfdTag.RECEIPTS_QUANTITY.tlv(facts.receiptsInShift()));
        out.add(FfdTag.DOCUMENTS_QUANTITY.tlv(facts.documentsInShift()));
        out.add(FfdTag.NOT_TRANSMITTED_DOCUMENTS_QUANTITY.tlv(facts.unsentDocuments()));
        if (facts.unsentDocuments() > 0) {
            out.add(FfdTag.NOT_TRANSMITTED_DOCUMENTS_DATE_TIME.tlv(facts.firstUnsentDateTime()));
            out.add(FfdTag.NOT_TRANSMITTED_DOCUMENT_NUMBER.tlv(facts.firstUnsentNumber()));
        }
        if (facts.ofdResponseTimeout()) {
            out.add(FfdTag.OFD_RESPONSE_TIMEOUT_SIGN.tlv(1));
        }
        writeShiftTail(out, register, cashier, cashierInn);
        return new FiscalDocumentTlv(FfdTag.CLOSE_SHIFT.number(), out.toList());
    }

    /** Reads a document that is exactly one TLV. */
    public static FiscalDocumentTlv parse(byte[] bytes) {
        TlvReader reader = new TlvReader(bytes);
        if (!reader.hasNext()) {
            throw new TlvFormatException("empty document");
        }
        Tlv outer = reader.next();
        if (reader.hasNext()) {
            throw new TlvFormatException(bytes.length - reader.position() + " bytes after the document");
        }
        return of(outer);
    }

    public static FiscalDocumentTlv of(Tlv outer) {
        if (outer.tag() < 1 || outer.tag() > 999) {
            throw new TlvFormatException("tag " + outer.tag() + " is not a document code");
        }
        return new FiscalDocumentTlv(outer.tag(), outer.decode(new Stlv(Stlv.DOCUMENT_MAX)));
    }

    public Tlv toTlv() {
        return new Tlv(code, new Stlv(Stlv.DOCUMENT_MAX).encode(requisites));
    }

    public byte[] toBytes() {
        return toTlv().toBytes();
    }

    public Requisites read() {
        return new Requisites(requisites);
    }

    public <T> Optional<T> get(FfdTag<T> tag) {
        return read().get(tag);
    }

    /** FNS-JSON-shaped tree of the requisites, see {@link Requisites#readable()}. */
    public Map<String, Object> readable() {
        return read().readable();
    }

    public Optional<FiscalSign> fiscalSign() {
        return get(FfdTag.FISCAL_SIGN).map(FiscalSign::new);
    }

    public FiscalDocumentTlv withoutSign() {
        return new FiscalDocumentTlv(code, requisites.stream().filter(tlv -> tlv.tag() != FfdTag.FISCAL_SIGN.number()).toList());
    }

    /** What the fiscal sign is computed over. */
    public byte[] bytesToSign() {
        return withoutSign().toBytes();
    }

    /**
     * The document with this sign in place of any other: right after the date-time 1012, where
     * real fiscal drives put it, or at the end of a document without 1012.
     */
    public FiscalDocumentTlv withSign(FiscalSign sign) {
        List<Tlv> unsigned = withoutSign().requisites;
        List<Tlv> signed = new ArrayList<>(unsigned.size() + 1);
        boolean placed = false;
        for (Tlv tlv : unsigned) {
            signed.add(tlv);
            if (!placed && tlv.tag() == FfdTag.DATE_TIME.number()) {
                signed.add(FfdTag.FISCAL_SIGN.tlv(sign.bytes()));
                placed = true;
            }
        }
        if (!placed) {
            signed.add(FfdTag.FISCAL_SIGN.tlv(sign.bytes()));
        }
        return new FiscalDocumentTlv(code, signed);
    }

    /** Signed by the virtual FN holding this secret, see {@link FiscalSign}. */
    public FiscalDocumentTlv signedBy(byte[] fnSecret) {
        return withSign(FiscalSign.compute(fnSecret, bytesToSign()));
    }

    /** Whether the document carries the sign the virtual FN with this secret gives it. */
    public boolean hasValidSign(byte[] fnSecret) {
        return fiscalSign().map(sign -> sign.verify(fnSecret, bytesToSign())).orElse(false);
    }

    /** The requisites a fiscal drive writes first into every document. */
    static void writeHeader(TlvWriter out, RegisterFacts register, DocumentStamp stamp) {
        out.add(FfdTag.FISCAL_DRIVE_NUMBER.tlv(register.fnNumber()));
        // Written space-padded to 20, as registers do and yandex/ofd normalises it.
        out.add(FfdTag.KKT_REG_ID.tlv(String.format("%-20s", register.registrationNumber())));
        out.add(FfdTag.USER_INN.tlv(ReceiptRequisites.innField(register.userInn())));
        out.add(FfdTag.FISCAL_DOCUMENT_NUMBER.tlv(stamp.fdNumber()));
        out.add(FfdTag.DATE_TIME.tlv(stamp.dateTime()));
        out.add(FfdTag.SHIFT_NUMBER.tlv(stamp.shiftNumber()));
    }

    private static void writeShiftTail(TlvWriter out, RegisterFacts register, String cashier, String cashierInn) {
        if (cashier != null && !cashier.isBlank()) {
            out.add(FfdTag.OPERATOR.tlv(cashier));
        }
        String inn = ReceiptRequisites.innField(cashierInn);
        if (inn != null) {
            out.add(FfdTag.OPERATOR_INN.tlv(inn));
        }
        if (register.userName() != null && !register.userName().isBlank()) {
            out.add(FfdTag.USER.tlv(register.userName()));
        }
        if (register.address() != null && !register.address().isBlank()) {
            out.add(FfdTag.RETAIL_PLACE_ADDRESS.tlv(register.address()));
        }
        if (register.place() != null && !register.place().isBlank()) {
            out.add(FfdTag.RETAIL_PLACE.tlv(register.place()));
        }
        out.add(FfdTag.OFD_INN.tlv(ReceiptRequisites.innField(register.ofdInn())));
        out.add(FfdTag.FISCAL_DOCUMENT_FORMAT_VER.tlv(ReceiptRequisites.FFD_1_2));
    }
}
