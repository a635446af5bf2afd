package ru.openkassa.core.ffd;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.CorrectionInfo;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.receipt.VatAmount;
import ru.openkassa.core.receipt.VatRate;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvWriter;
import ru.openkassa.core.tlv.Vln;

/**
 * The requisites of a receipt (3) or correction receipt (31) in FFD 1.2, in the order a real
 * fiscal drive writes them (FN header first: 1041, 1037, 1018, 1040, 1012, then the register's
 * part), so that our documents look like the captured ones.
 */
final class ReceiptRequisites {

    /** Версия ФФД 1.2. */
    static final int FFD_1_2 = 4;
    /** 1125: the settlement was made over the internet. */
    private static final int INTERNET = 1;

    private ReceiptRequisites() {
    }

    static List<Tlv> of(FiscalDocument document, RegisterFacts register, DocumentStamp stamp, long numberInShift) {
        TlvWriter out = new TlvWriter();
        FiscalDocumentTlv.writeHeader(out, register, stamp);
        out.add(FfdTag.REQUEST_NUMBER.tlv(numberInShift));
        out.add(FfdTag.OPERATION_TYPE.tlv(document.operation().calculationSign()));
        out.add(FfdTag.TOTAL_SUM.tlv(document.total().kopecks()));
        for (Item item : document.items()) {
            out.add(FfdTag.ITEMS.tlv(item(item)));
        }
        payments(out, document);
        vatTotals(out, document);
        optional(out, FfdTag.OPERATOR, blankToNull(document.cashier()));
        optional(out, FfdTag.OPERATOR_INN, innField(document.cashierInn()));
        out.add(FfdTag.APPLIED_TAXATION_TYPE.tlv(taxSystem(document, register).bit()));
        out.add(FfdTag.FNS_URL.tlv(register.fnsSite()));
        var company = document.company();
        optional(out, FfdTag.RETAIL_PLACE, firstPresent(company == null ? null : company.paymentAddress(), register.place()));
        optional(out, FfdTag.USER, blankToNull(register.userName()));
        optional(out, FfdTag.RETAIL_PLACE_ADDRESS, firstPresent(company == null ? null : company.location(), register.address()));
        client(out, document.client());
        optional(out, FfdTag.SELLER_ADDRESS, company == null ? null : blankToNull(company.email()));
        optional(out, FfdTag.MACHINE_NUMBER, blankToNull(document.deviceNumber()));
        optional(out, FfdTag.PROPERTIES_DATA, blankToNull(document.additionalCheckProps()));
        if (document.additionalUserProps() != null) {
            out.add(FfdTag.PROPERTIES.tlv(List.of(
                    FfdTag.PROPERTY_KEY.tlv(document.additionalUserProps().name()),
                    FfdTag.PROPERTY_VALUE.tlv(document.additionalUserProps().value()))));
        }
        if (Boolean.TRUE.equals(document.internet())) {
            out.add(FfdTag.INTERNET_PAYMENT.tlv(INTERNET));
        }
        if (document.isCorrection()) {
            correction(out, document.correctionInfo());
        }
        out.add(FfdTag.OFD_INN.tlv(innField(register.ofdInn())));
        out.add(FfdTag.FISCAL_DOCUMENT_FORMAT_VER.tlv(FFD_1_2));
        return out.toList();
    }

    private static List<Tlv> item(Item item) {
        TlvWriter out = new TlvWriter();
        out.add(FfdTag.NAME.tlv(item.name()));
        out.add(FfdTag.PRICE.tlv(item.price().kopecks()));
        out.add(FfdTag.QUANTITY.tlv(item.quantity().toBigDecimal()));
        // FFD 1.2 requires 2108; an ATOL v4 item has only the free-text unit (1197), which
        // FFD 1.2 dropped, and registers then print "штука".
        out.add(FfdTag.ITEMS_QUANTITY_MEASURE.tlv(Optional.ofNullable(item.measure()).orElse(Measure.PIECE).code()));
        out.add(FfdTag.SUM.tlv(item.sum().kopecks()));
        out.add(FfdTag.NDS.tlv(item.vat().tag1199()));
        if (item.vatSum() != null) {
            out.add(FfdTag.NDS_SUM.tlv(item.vatSum().kopecks()));
        }
        // 1214 and 1212 are required in FFD 1.2; ATOL v4 lets them out and the register then
        // uses its defaults, полный расчет and товар.
        out.add(FfdTag.PAYMENT_TYPE.tlv(Optional.ofNullable(item.paymentMethod()).orElse(PaymentMethod.FULL_PAYMENT).code()));
        out.add(FfdTag.PRODUCT_TYPE.tlv(Optional.ofNullable(item.paymentObject()).orElse(PaymentObject.COMMODITY).code()));
        optional(out, FfdTag.PROPERTIES_ITEM, blankToNull(item.userData()));
        var supplier = item.supplierInfo();
        if (supplier != null) {
            TlvWriter data = new TlvWriter();
            supplier.phones().forEach(phone -> data.add(FfdTag.PROVIDER_PHONE.tlv(phone)));
            optional(data, FfdTag.PROVIDER_NAME, blankToNull(supplier.name()));
            if (!data.toList().isEmpty()) {
                out.add(FfdTag.PROVIDER_DATA.tlv(data.toList()));
            }
            optional(out, FfdTag.PROVIDER_INN, innField(supplier.inn()));
        }
        return out.toList();
    }

    /**
     * All five payment forms are written, zeros included, as registers do (FFD 1.2 requires them
     * in a receipt). The cash requisite is the sum due in cash: the change handed back from a
     * larger note never reaches the document, so 1031 + 1081 + 1215 + 1216 + 1217 = 1020.
     */
    private static void payments(TlvWriter out, FiscalDocument document) {
        Map<Integer, Long> byTag = new LinkedHashMap<>();
        for (FfdTag<Long> tag : List.of(FfdTag.CASH_TOTAL_SUM, FfdTag.ECASH_TOTAL_SUM, FfdTag.PREPAID_SUM,
                FfdTag.CREDIT_SUM, FfdTag.PROVISION_SUM)) {
            byTag.put(tag.number(), 0L);
        }
        for (Payment payment : document.payments()) {
            byTag.merge(payment.type().fiscalTag(), payment.sum().kopecks(), Math::addExact);
        }
        long cashPaid = byTag.get(FfdTag.CASH_TOTAL_SUM.number());
        long otherForms = byTag.values().stream().mapToLong(Long::longValue).sum() - cashPaid;
        long cashDue = Math.max(0, document.total().kopecks() - otherForms);
        byTag.put(FfdTag.CASH_TOTAL_SUM.number(), Math.min(cashPaid, cashDue));
        byTag.forEach((tag, sum) -> out.add(new Tlv(tag, Vln.SUM.encode(sum))));
    }

    /**
     * Receipt VAT totals 1102..1107 from the request's {@code vats}, or from the items when it
     * has none. The FFD 1.2 tags for the 5% and 7% rates of 2025 are not in our sources
     * ([uncertain]), so those rates get no receipt total here; their items still carry 1199/1200.
     */
    private static void vatTotals(TlvWriter out, FiscalDocument document) {
        Map<VatRate, Long> byRate = new EnumMap<>(VatRate.class);
        if (!document.vats().isEmpty()) {
            for (VatAmount vat : document.vats()) {
                byRate.merge(vat.type(), vat.sum().kopecks(), Math::addExact);
            }
        } else {
            for (Item item : document.items()) {
                long amount = item.vat().percent() == 0
                        ? item.sum().kopecks()
                        : Optional.ofNullable(item.vatSum()).orElseGet(() -> item.vat().vatOf(item.sum())).kopecks();
                byRate.merge(item.vat(), amount, Math::addExact);
            }
        }
        Map<Integer, Long> byTag = new LinkedHashMap<>();
        byRate.forEach((rate, amount) -> vatTotalTag(rate).ifPresent(tag -> byTag.merge(tag.number(), amount, Math::addExact)));
        byTag.forEach((tag, amount) -> out.add(new Tlv(tag, Vln.SUM.encode(amount))));
    }

    private static Optional<FfdTag<Long>> vatTotalTag(VatRate rate) {
        return switch (rate) {
            case VAT18, VAT20, VAT22 -> Optional.of(FfdTag.NDS_BASIC);
            case VAT10 -> Optional.of(FfdTag.NDS_10);
            case VAT0 -> Optional.of(FfdTag.NDS_0);
            case NONE -> Optional.of(FfdTag.NDS_NO);
            case VAT118, VAT120, VAT122 -> Optional.of(FfdTag.NDS_BASIC_CALCULATED);
            case VAT110 -> Optional.of(FfdTag.NDS_10_CALCULATED);
            case VAT5, VAT7, VAT105, VAT107 -> Optional.empty();
        };
    }

    private static TaxSystem taxSystem(FiscalDocument document, RegisterFacts register) {
        if (document.company() != null && document.company().sno() != null) {
            return document.company().sno();
        }
        if (register.taxSystems().size() == 1) {
            return register.taxSystems().iterator().next();
        }
        throw new IllegalArgumentException("receipt names no tax system (1055) and the register has "
                + register.taxSystems().size() + " registered");
    }

    /** The e-mail when both are given: the OFD sends the receipt there (ATOL's rule). */
    private static void client(TlvWriter out, Client client) {
        if (client == null) {
            return;
        }
        String contact = firstPresent(client.email(), client.phone());
        optional(out, FfdTag.BUYER_PHONE_OR_ADDRESS, contact);
        TlvWriter buyer = new TlvWriter();
        optional(buyer, FfdTag.BUYER, blankToNull(client.name()));
        optional(buyer, FfdTag.BUYER_INN, innField(client.inn()));
        if (!buyer.toList().isEmpty()) {
            out.add(FfdTag.BUYER_INFORMATION.tlv(buyer.toList()));
        }
    }

    private static void correction(TlvWriter out, CorrectionInfo info) {
        if (info == null) {
            throw new IllegalArgumentException("correction receipt without correction info (1173)");
        }
        out.add(FfdTag.CORRECTION_TYPE.tlv(info.type().code()));
        TlvWriter base = new TlvWriter();
        if (info.baseDate() != null) {
            base.add(FfdTag.CORRECTION_DOCUMENT_DATE.tlv(info.baseDate().atStartOfDay()));
        }
        optional(base, FfdTag.CORRECTION_DOCUMENT_NUMBER, blankToNull(info.baseNumber()));
        optional(base, FfdTag.CORRECTION_NAME, blankToNull(info.baseName()));
        out.add(FfdTag.CORRECTION_BASE.tlv(base.toList()));
    }

    private static <T> void optional(TlvWriter out, FfdTag<T> tag, T value) {
        if (value != null) {
            out.add(tag.tlv(value));
        }
    }

    /** INNs are 12 characters in a document; a 10-digit INN gets two spaces on the right. */
    static String innField(String inn) {
        if (inn == null || inn.isBlank()) {
            return null;
        }
        return String.format("%-12s", inn.strip());
    }

    private static String firstPresent(String first, String second) {
        String present = blankToNull(first);
        return present != null ? present : blankToNull(second);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
