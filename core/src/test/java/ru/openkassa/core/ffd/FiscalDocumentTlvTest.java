package ru.openkassa.core.ffd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.CorrectionInfo;
import ru.openkassa.core.receipt.CorrectionType;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.receipt.SupplierInfo;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.receipt.VatAmount;
import ru.openkassa.core.receipt.VatRate;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvFormatException;

class FiscalDocumentTlvTest {

    private static final byte[] FN_SECRET = "virtual FN 9999078900005488 secret".getBytes(StandardCharsets.UTF_8);
    private static final RegisterFacts REGISTER = new RegisterFacts("0000000001002003", "9999078900005488", "5544332219",
            "ООО \"Ёлки-палки\"", "7704358518", "г. Москва, ул. Льва Толстого, д. 16",
            "https://shop.example", Set.of(TaxSystem.OSN), null);
    private static final DocumentStamp STAMP = new DocumentStamp(17, LocalDateTime.of(2026, 2, 1, 13, 45, 7), 3);

    private static Money rub(String value) {
        return Money.parse(new BigDecimal(value));
    }

    private static Item item(String name, String price, String quantity, Measure measure, String sum, VatRate vat, String vatSum) {
        return new Item(name, rub(price), Quantity.parse(new BigDecimal(quantity)), measure, null, rub(sum),
                PaymentMethod.FULL_PAYMENT, PaymentObject.COMMODITY, vat, vatSum == null ? null : rub(vatSum),
                null, null, null, null, null, null, null, null);
    }

    /** 0.3 kg at 1000.00 with 22% and one egg at 100.00 with 10%, 400.00 paid: 450.00 in cash. */
    private static FiscalDocument sale() {
        return new FiscalDocument(Operation.SELL,
                new Company("chek@shop.example", TaxSystem.OSN, "5544332219", "https://shop.example", null),
                new Client("kkt@kkt.ru", "+79991234567", "Пётр Иванов", "7707083893"),
                null, null,
                List.of(item("Колбаса", "1000.00", "0.3", Measure.KILOGRAM, "300.00", VatRate.VAT22, "54.10"),
                        item("Яйцо", "100.00", "1", Measure.PIECE, "100.00", VatRate.VAT10, "9.09")),
                List.of(new Payment(PaymentType.CASH, rub("450.00"))),
                List.of(new VatAmount(VatRate.VAT22, rub("54.10")), new VatAmount(VatRate.VAT10, rub("9.09"))),
                rub("400.00"), "Иванова А. А.", "500100732259", null, null, null, null, Boolean.TRUE);
    }

    @Nested
    class Receipt {

        private final FiscalDocumentTlv receipt = FiscalDocumentTlv.receipt(sale(), REGISTER, STAMP, 5);
        private final Requisites r = receipt.read();

        @Test
        void isDocumentThreeInFfd12() {
            assertThat(receipt.code()).isEqualTo(3);
            assertThat(r.require(FfdTag.FISCAL_DOCUMENT_FORMAT_VER)).isEqualTo(4);
            assertThat(r.require(FfdTag.OPERATION_TYPE)).isEqualTo(1);
            assertThat(r.require(FfdTag.APPLIED_TAXATION_TYPE)).isEqualTo(TaxSystem.OSN.bit());
        }

        @Test
        void carriesTheRegisterAndFnFacts() {
            assertThat(r.require(FfdTag.KKT_REG_ID)).isEqualTo("0000000001002003    ");
            assertThat(r.require(FfdTag.FISCAL_DRIVE_NUMBER)).isEqualTo("9999078900005488");
            assertThat(r.require(FfdTag.FISCAL_DOCUMENT_NUMBER)).isEqualTo(17L);
            assertThat(r.require(FfdTag.DATE_TIME)).isEqualTo(LocalDateTime.of(2026, 2, 1, 13, 45, 7));
            assertThat(r.require(FfdTag.SHIFT_NUMBER)).isEqualTo(3L);
            assertThat(r.require(FfdTag.REQUEST_NUMBER)).isEqualTo(5L);
            assertThat(r.require(FfdTag.OFD_INN)).isEqualTo("7704358518  ");
            assertThat(r.require(FfdTag.USER_INN)).isEqualTo("5544332219  ");
            assertThat(r.require(FfdTag.USER)).isEqualTo("ООО \"Ёлки-палки\"");
            assertThat(r.require(FfdTag.RETAIL_PLACE)).isEqualTo("https://shop.example");
            assertThat(r.require(FfdTag.RETAIL_PLACE_ADDRESS)).isEqualTo("г. Москва, ул. Льва Толстого, д. 16");
            assertThat(r.require(FfdTag.FNS_URL)).isEqualTo(RegisterFacts.FNS_SITE);
        }

        @Test
        void startsWithTheFnHeaderInTheOrderRealDrivesWrite() {
            assertThat(receipt.requisites()).extracting(Tlv::tag).startsWith(1041, 1037, 1018, 1040, 1012, 1038, 1042, 1054, 1020);
        }

        @Test
        void writesEachItemAsAnStlv() {
            List<Requisites> items = r.structures(FfdTag.ITEMS);
            assertThat(items).hasSize(2);
            Requisites sausage = items.get(0);
            assertThat(sausage.require(FfdTag.NAME)).isEqualTo("Колбаса");
            assertThat(sausage.require(FfdTag.PRICE)).isEqualTo(100_000L);
            assertThat(sausage.require(FfdTag.QUANTITY)).isEqualByComparingTo("0.3");
            assertThat(sausage.require(FfdTag.ITEMS_QUANTITY_MEASURE)).isEqualTo(Measure.KILOGRAM.code());
            assertThat(sausage.require(FfdTag.SUM)).isEqualTo(30_000L);
            assertThat(sausage.require(FfdTag.NDS)).isEqualTo(VatRate.VAT22.tag1199());
            assertThat(sausage.require(FfdTag.NDS_SUM)).isEqualTo(5_410L);
            assertThat(sausage.require(FfdTag.PAYMENT_TYPE)).isEqualTo(PaymentMethod.FULL_PAYMENT.code());
            assertThat(sausage.require(FfdTag.PRODUCT_TYPE)).isEqualTo(PaymentObject.COMMODITY.code());
        }

        @Test
        void recordsTheCashDueNotTheNoteHandedOver() {
            assertThat(r.require(FfdTag.TOTAL_SUM)).isEqualTo(40_000L);
            assertThat(r.require(FfdTag.CASH_TOTAL_SUM)).isEqualTo(40_000L);
            assertThat(r.require(FfdTag.ECASH_TOTAL_SUM)).isZero();
            assertThat(r.require(FfdTag.PREPAID_SUM)).isZero();
            assertThat(r.require(FfdTag.CREDIT_SUM)).isZero();
            assertThat(r.require(FfdTag.PROVISION_SUM)).isZero();
        }

        @Test
        void totalsVatByRate() {
            assertThat(r.require(FfdTag.NDS_BASIC)).isEqualTo(5_410L);
            assertThat(r.require(FfdTag.NDS_10)).isEqualTo(909L);
            assertThat(r.has(FfdTag.NDS_NO)).isFalse();
        }

        @Test
        void namesTheBuyerAndWhereTheReceiptGoes() {
            assertThat(r.require(FfdTag.BUYER_PHONE_OR_ADDRESS)).isEqualTo("kkt@kkt.ru");
            Requisites buyer = r.structure(FfdTag.BUYER_INFORMATION).orElseThrow();
            assertThat(buyer.require(FfdTag.BUYER)).isEqualTo("Пётр Иванов");
            assertThat(buyer.require(FfdTag.BUYER_INN)).isEqualTo("7707083893  ");
            assertThat(r.require(FfdTag.SELLER_ADDRESS)).isEqualTo("chek@shop.example");
            assertThat(r.require(FfdTag.OPERATOR)).isEqualTo("Иванова А. А.");
            assertThat(r.require(FfdTag.OPERATOR_INN)).isEqualTo("500100732259");
            assertThat(r.require(FfdTag.INTERNET_PAYMENT)).isEqualTo(1);
        }

        @Test
        void parsesBackToTheSameDocument() {
            assertThat(FiscalDocumentTlv.parse(receipt.toBytes())).isEqualTo(receipt);
        }

        @Test
        void hasNoSignUntilTheFnSignsIt() {
            assertThat(receipt.fiscalSign()).isEmpty();
            assertThat(receipt.hasValidSign(FN_SECRET)).isFalse();
        }
    }

    @Nested
    class Signing {

        private final FiscalDocumentTlv unsigned = FiscalDocumentTlv.receipt(sale(), REGISTER, STAMP, 5);
        private final FiscalDocumentTlv signed = unsigned.signedBy(FN_SECRET);

        @Test
        void putsTheSignRightAfterTheDateTimeAsRealDrivesDo() {
            assertThat(signed.requisites()).extracting(Tlv::tag).startsWith(1041, 1037, 1018, 1040, 1012, 1077, 1038);
            assertThat(signed.toBytes()).hasSize(unsigned.toBytes().length + 4 + 6);
        }

        @Test
        void signsTheDocumentWithoutItsSign() {
            FiscalSign sign = signed.fiscalSign().orElseThrow();
            assertThat(sign).isEqualTo(FiscalSign.compute(FN_SECRET, unsigned.toBytes()));
            assertThat(signed.bytesToSign()).containsExactly(unsigned.toBytes());
        }

        @Test
        void verifiesAfterTheTripThroughBytes() {
            FiscalDocumentTlv received = FiscalDocumentTlv.parse(signed.toBytes());
            assertThat(received.hasValidSign(FN_SECRET)).isTrue();
            assertThat(received.hasValidSign("another FN".getBytes(StandardCharsets.UTF_8))).isFalse();
        }

        @Test
        void catchesAChangedSum() {
            List<Tlv> tampered = signed.requisites().stream()
                    .map(tlv -> tlv.tag() == FfdTag.TOTAL_SUM.number() ? FfdTag.TOTAL_SUM.tlv(4_000L) : tlv)
                    .toList();
            assertThat(new FiscalDocumentTlv(3, tampered).hasValidSign(FN_SECRET)).isFalse();
        }

        @Test
        void signingTwiceGivesTheSameDocument() {
            assertThat(signed.signedBy(FN_SECRET)).isEqualTo(signed);
        }
    }

    @Test
    void aCorrectionIsDocument31WithItsBase() {
        FiscalDocument sale = sale();
        FiscalDocument correction = new FiscalDocument(Operation.SELL_CORRECTION, sale.company(), null, null, null,
                sale.items(), List.of(new Payment(PaymentType.ELECTRONIC, rub("400.00"))), List.of(), rub("400.00"),
                null, null, new CorrectionInfo(CorrectionType.INSTRUCTION, LocalDate.of(2026, 1, 15), "ЕД-7-20/1", null),
                null, null, null, null);

        FiscalDocumentTlv document = FiscalDocumentTlv.receipt(correction, REGISTER, STAMP, 6);

        assertThat(document.code()).isEqualTo(31);
        Requisites r = document.read();
        assertThat(r.require(FfdTag.CORRECTION_TYPE)).isEqualTo(1);
        Requisites base = r.structure(FfdTag.CORRECTION_BASE).orElseThrow();
        assertThat(base.require(FfdTag.CORRECTION_DOCUMENT_DATE)).isEqualTo(LocalDateTime.of(2026, 1, 15, 0, 0));
        assertThat(base.require(FfdTag.CORRECTION_DOCUMENT_NUMBER)).isEqualTo("ЕД-7-20/1");
        assertThat(r.require(FfdTag.ECASH_TOTAL_SUM)).isEqualTo(40_000L);
        // Without a vats list the totals come from the items.
        assertThat(r.require(FfdTag.NDS_BASIC)).isEqualTo(5_410L);
    }

    @Test
    void anItemWithoutMeasureOrMethodGetsWhatARegisterDefaultsTo() {
        Item bare = new Item("Товар", rub("10.00"), Quantity.ONE, null, "шт", rub("10.00"), null, null, VatRate.NONE,
                null, null, new SupplierInfo(List.of("+74951234567"), "ООО Поставщик", "7707083893"),
                null, null, null, null, null, null);
        FiscalDocument sale = new FiscalDocument(Operation.SELL, new Company(null, null, "5544332219", null, null), null,
                null, null, List.of(bare), List.of(new Payment(PaymentType.ELECTRONIC, rub("10.00"))), List.of(),
                rub("10.00"), null, null, null, null, null, null, null);

        Requisites r = FiscalDocumentTlv.receipt(sale, REGISTER, STAMP, 1).read();
        Requisites item = r.structures(FfdTag.ITEMS).get(0);

        assertThat(item.require(FfdTag.ITEMS_QUANTITY_MEASURE)).isEqualTo(Measure.PIECE.code());
        assertThat(item.require(FfdTag.PAYMENT_TYPE)).isEqualTo(PaymentMethod.FULL_PAYMENT.code());
        assertThat(item.require(FfdTag.PRODUCT_TYPE)).isEqualTo(PaymentObject.COMMODITY.code());
        assertThat(item.require(FfdTag.PROVIDER_INN)).isEqualTo("7707083893  ");
        assertThat(item.structure(FfdTag.PROVIDER_DATA).orElseThrow().require(FfdTag.PROVIDER_NAME)).isEqualTo("ООО Поставщик");
        // The one tax system the register has; no VAT: the sum goes to 1105.
        assertThat(r.require(FfdTag.APPLIED_TAXATION_TYPE)).isEqualTo(TaxSystem.OSN.bit());
        assertThat(r.require(FfdTag.NDS_NO)).isEqualTo(1_000L);
        assertThat(r.require(FfdTag.RETAIL_PLACE)).isEqualTo("https://shop.example");
    }

    @Test
    void refusesAReceiptWithoutTaxSystemWhenTheRegisterHasSeveral() {
        RegisterFacts twoSystems = new RegisterFacts("1", "9999078900005488", "5544332219", null, "7704358518", null, null,
                Set.of(TaxSystem.OSN, TaxSystem.PATENT), null);
        FiscalDocument sale = sale();
        FiscalDocument noSno = new FiscalDocument(Operation.SELL, new Company(null, null, "5544332219", null, null), null,
                null, null, sale.items(), sale.payments(), sale.vats(), sale.total(), null, null, null, null, null, null, null);

        assertThatThrownBy(() -> FiscalDocumentTlv.receipt(noSno, twoSystems, STAMP, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1055");
    }

    @Test
    void refusesTextCodePage866CannotHold() {
        FiscalDocument sale = sale();
        FiscalDocument euro = new FiscalDocument(Operation.SELL, sale.company(), null, null, null,
                List.of(item("Кофе €", "1.00", "1", Measure.PIECE, "1.00", VatRate.NONE, null)),
                List.of(new Payment(PaymentType.CASH, rub("1.00"))), List.of(), rub("1.00"),
                null, null, null, null, null, null, null);

        assertThatThrownBy(() -> FiscalDocumentTlv.receipt(euro, REGISTER, STAMP, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CP866");
    }

    @Nested
    class ShiftReports {

        @Test
        void shiftOpenCarriesTheMainTags() {
            FiscalDocumentTlv open = FiscalDocumentTlv.shiftOpen(REGISTER, STAMP, "Иванова А. А.", null).signedBy(FN_SECRET);
            Requisites r = open.read();

            assertThat(open.code()).isEqualTo(2);
            assertThat(r.require(FfdTag.FISCAL_DOCUMENT_NUMBER)).isEqualTo(17L);
            assertThat(r.require(FfdTag.SHIFT_NUMBER)).isEqualTo(3L);
            assertThat(r.require(FfdTag.OPERATOR)).isEqualTo("Иванова А. А.");
            assertThat(r.require(FfdTag.FISCAL_DOCUMENT_FORMAT_VER)).isEqualTo(4);
            assertThat(r.has(FfdTag.OPERATOR_INN)).isFalse();
            assertThat(open.hasValidSign(FN_SECRET)).isTrue();
        }

        @Test
        void shiftCloseReportsUnsentDocuments() {
            ShiftCloseFacts facts = new ShiftCloseFacts(12, 14, 2, LocalDateTime.of(2026, 2, 1, 18, 0), 29L, true);
            FiscalDocumentTlv close = FiscalDocumentTlv.shiftClose(REGISTER, new DocumentStamp(31, LocalDateTime.of(2026, 2, 1, 22, 0), 3),
                    "Иванова А. А.", "500100732259", facts);
            Requisites r = close.read();

            assertThat(close.code()).isEqualTo(5);
            assertThat(r.require(FfdTag.RECEIPTS_QUANTITY)).isEqualTo(12L);
            assertThat(r.require(FfdTag.DOCUMENTS_QUANTITY)).isEqualTo(14L);
            assertThat(r.require(FfdTag.NOT_TRANSMITTED_DOCUMENTS_QUANTITY)).isEqualTo(2L);
            assertThat(r.require(FfdTag.NOT_TRANSMITTED_DOCUMENTS_DATE_TIME)).isEqualTo(LocalDateTime.of(2026, 2, 1, 18, 0));
            assertThat(r.require(FfdTag.NOT_TRANSMITTED_DOCUMENT_NUMBER)).isEqualTo(29L);
            assertThat(r.require(FfdTag.OFD_RESPONSE_TIMEOUT_SIGN)).isEqualTo(1);
        }

        @Test
        void shiftCloseWithEverythingSentHasNoFirstUnsent() {
            FiscalDocumentTlv close = FiscalDocumentTlv.shiftClose(REGISTER, STAMP, null, null, ShiftCloseFacts.allSent(3, 5));

            assertThat(close.read().require(FfdTag.NOT_TRANSMITTED_DOCUMENTS_QUANTITY)).isZero();
            assertThat(close.read().has(FfdTag.NOT_TRANSMITTED_DOCUMENTS_DATE_TIME)).isFalse();
        }

        @Test
        void unsentDocumentsNeedTheFirstOnesDate() {
            assertThatThrownBy(() -> new ShiftCloseFacts(1, 1, 1, null, null, false)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesBytesThatAreNotOneDocument() {
        byte[] document = FiscalDocumentTlv.shiftOpen(REGISTER, STAMP, null, null).toBytes();
        byte[] withTrailer = Arrays.copyOf(document, document.length + 2);

        assertThatThrownBy(() -> FiscalDocumentTlv.parse(withTrailer)).isInstanceOf(TlvFormatException.class);
        assertThatThrownBy(() -> FiscalDocumentTlv.parse(new byte[0])).isInstanceOf(TlvFormatException.class);
        assertThatThrownBy(() -> FiscalDocumentTlv.of(new Tlv(1040, new byte[4]))).isInstanceOf(TlvFormatException.class);
    }

    @Test
    void namesAMissingRequisite() {
        FiscalDocumentTlv open = FiscalDocumentTlv.shiftOpen(REGISTER, STAMP, null, null);
        assertThatThrownBy(() -> open.read().require(FfdTag.TOTAL_SUM))
                .isInstanceOf(TlvFormatException.class).hasMessageContaining("1020 totalSum");
    }
}
