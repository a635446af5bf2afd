package ru.openkassa.core.ffd;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.tlv.Hex;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvReader;

/**
 * Documents written by real fiscal drives (resources/ffd/SOURCES.md); every expected value is
 * from the FNS JSON published beside the bytes, not from our code.
 */
class RealDocumentsTest {

    private static final byte[] RAW = Hex.resource("/ffd/fns-receipt-9285000100150175-37698.hex");

    private static Tlv documentTlv() {
        return new TlvReader(RAW).next();
    }

    @Test
    void readsARealReceipt() {
        FiscalDocumentTlv receipt = FiscalDocumentTlv.of(documentTlv());
        Requisites r = receipt.read();

        assertThat(receipt.code()).isEqualTo(3);
        assertThat(r.require(FfdTag.FISCAL_DRIVE_NUMBER)).isEqualTo("9285000100150175");
        assertThat(r.require(FfdTag.KKT_REG_ID)).isEqualTo("0000548967019338    ");
        assertThat(r.require(FfdTag.USER_INN)).isEqualTo("2310031475  ");
        assertThat(r.require(FfdTag.FISCAL_DOCUMENT_NUMBER)).isEqualTo(37_698L);
        assertThat(r.require(FfdTag.DATE_TIME)).isEqualTo(LocalDateTime.of(2019, 12, 15, 17, 20));
        assertThat(receipt.fiscalSign()).map(FiscalSign::printed).contains(400_388_056L);
        assertThat(r.require(FfdTag.SHIFT_NUMBER)).isEqualTo(242L);
        assertThat(r.require(FfdTag.REQUEST_NUMBER)).isEqualTo(288L);
        assertThat(r.require(FfdTag.OPERATION_TYPE)).isEqualTo(1);
        assertThat(r.require(FfdTag.TOTAL_SUM)).isEqualTo(68_428L);
        assertThat(r.require(FfdTag.CASH_TOTAL_SUM)).isZero();
        assertThat(r.require(FfdTag.ECASH_TOTAL_SUM)).isEqualTo(68_428L);
        assertThat(r.require(FfdTag.OPERATOR)).isEqualTo("Товаровед магазина Шишова");
        assertThat(r.require(FfdTag.APPLIED_TAXATION_TYPE)).isEqualTo(1);
        assertThat(r.require(FfdTag.RETAIL_PLACE)).isEqualTo("Магнит Косметик Сати");
        assertThat(r.require(FfdTag.USER)).isEqualTo("АО \"Тандер\"");
        assertThat(r.require(FfdTag.RETAIL_PLACE_ADDRESS))
                .isEqualTo("140404, Московская обл, Коломна г, Гаврилова ул, дом № 1,пом.181");
        assertThat(r.require(FfdTag.FISCAL_DOCUMENT_FORMAT_VER)).isEqualTo(2);
        assertThat(r.require(FfdTag.NDS_BASIC)).isEqualTo(11_405L);
    }

    @Test
    void readsTheItemsOfARealReceipt() {
        List<Requisites> items = FiscalDocumentTlv.of(documentTlv()).read().structures(FfdTag.ITEMS);

        assertThat(items).hasSize(4);
        Requisites first = items.get(0);
        assertThat(first.require(FfdTag.NAME)).isEqualTo("BEAUTY BOMB Блеск для губ BFF т02(Гамма Косметик");
        assertThat(first.require(FfdTag.PRICE)).isEqualTo(16_460L);
        assertThat(first.require(FfdTag.QUANTITY)).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(first.require(FfdTag.SUM)).isEqualTo(16_460L);
        assertThat(first.require(FfdTag.NDS)).isEqualTo(1);
        assertThat(first.require(FfdTag.NDS_SUM)).isEqualTo(2_743L);
        assertThat(first.require(FfdTag.PAYMENT_TYPE)).isEqualTo(4);
        assertThat(items).extracting(item -> item.require(FfdTag.SUM)).containsExactly(16_460L, 22_680L, 22_568L, 6_720L);
    }

    @Test
    void writesARealReceiptBackByteForByte() {
        Tlv outer = documentTlv();
        FiscalDocumentTlv receipt = FiscalDocumentTlv.of(outer);

        assertThat(receipt.toBytes()).containsExactly(outer.toBytes());
        assertThat(FiscalDocumentTlv.parse(outer.toBytes())).isEqualTo(receipt);
    }

    @Test
    void showsARealReceiptLikeTheFnsJson() {
        Map<String, Object> json = FiscalDocumentTlv.of(documentTlv()).readable();

        assertThat(json).containsEntry("fiscalSign", 400_388_056L)
                .containsEntry("fiscalDocumentNumber", 37_698L)
                .containsEntry("totalSum", 68_428L)
                .containsEntry("appliedTaxationType", 1)
                .containsEntry("dateTime", "2019-12-15T17:20");
        assertThat((List<?>) json.get("items")).hasSize(4).first()
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("name", "BEAUTY BOMB Блеск для губ BFF т02(Гамма Косметик")
                .containsEntry("ndsSum", 2_743L);
    }

    @Test
    void leavesTheMessageSignAfterTheDocument() {
        TlvReader reader = new TlvReader(RAW);
        reader.next();
        // messageFiscalSign 9297394450888929639 in the FNS JSON, big-endian
        assertThat(reader.remaining()).containsExactly(Hex.bytes("8106fafe4dec3167"));
        assertThat(new BigInteger(1, reader.remaining())).isEqualTo(new BigInteger("9297394450888929639"));
    }

    @Test
    void realSignIsNotOurStandIn() {
        // The FN's GOST MAC cannot be reproduced: no secret makes our HMAC match a real document.
        FiscalDocumentTlv receipt = FiscalDocumentTlv.of(documentTlv());
        assertThat(receipt.hasValidSign(Arrays.copyOf(RAW, 16))).isFalse();
    }
}
