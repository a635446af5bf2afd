package ru.openkassa.core.ffd;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ru.openkassa.core.tlv.Bytes;
import ru.openkassa.core.tlv.Cp866String;
import ru.openkassa.core.tlv.Fvln;
import ru.openkassa.core.tlv.Stlv;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.UInt32;
import ru.openkassa.core.tlv.UInt8;
import ru.openkassa.core.tlv.UnixTime;
import ru.openkassa.core.tlv.Vln;
import ru.openkassa.core.tlv.WireType;

/**
 * The FFD requisites OpenKassa writes or reads, each with its wire type and the longest value
 * FFD 1.2 allows. Names are the FNS JSON names (yandex/ofd {@code ofd/protocol.py}, the Rust
 * crate fiscal-data {@code fields.rs}). A tag missing here is still read, as raw bytes.
 *
 * <p>Lengths differ between FFD versions (1030 was 64 bytes in 1.0, 128 since 1.05; 1212 was
 * a U32 in yandex/ofd's FFD 1.0 table and is one byte in 1.2); these are the FFD 1.2 ones.
 *
 * @param name JSON name; for a document, the document's name
 */
public record FfdTag<T>(int number, String name, WireType<T> type) {

    // Documents (their code is the tag of the outer STLV).
    public static final FfdTag<List<Tlv>> FISCAL_REPORT = document(1, "fiscalReport");
    public static final FfdTag<List<Tlv>> OPEN_SHIFT = document(2, "openShift");
    public static final FfdTag<List<Tlv>> RECEIPT = document(3, "receipt");
    public static final FfdTag<List<Tlv>> CLOSE_SHIFT = document(5, "closeShift");
    public static final FfdTag<List<Tlv>> OPERATOR_CONFIRMATION = new FfdTag<>(7, "operatorAck", new Stlv(512));
    public static final FfdTag<List<Tlv>> FISCAL_REPORT_CORRECTION = document(11, "fiscalReportCorrection");
    public static final FfdTag<List<Tlv>> CURRENT_STATE_REPORT = document(21, "currentStateReport");
    public static final FfdTag<List<Tlv>> RECEIPT_CORRECTION = document(31, "receiptCorrection");

    public static final FfdTag<Integer> AUTO_MODE = flag(1001, "autoMode");
    public static final FfdTag<Integer> OFFLINE_MODE = flag(1002, "offlineMode");
    public static final FfdTag<String> BUYER_PHONE_OR_ADDRESS = text(1008, "buyerPhoneOrAddress", 64);
    public static final FfdTag<String> RETAIL_PLACE_ADDRESS = text(1009, "retailPlaceAddress", 256);
    public static final FfdTag<LocalDateTime> DATE_TIME = new FfdTag<>(1012, "dateTime", UnixTime.TYPE);
    public static final FfdTag<String> KKT_NUMBER = text(1013, "kktNumber", 20);
    /** 12 characters; a 10-digit INN is padded with two spaces on the right. */
    public static final FfdTag<String> OFD_INN = text(1017, "ofdInn", 12);
    public static final FfdTag<String> USER_INN = text(1018, "userInn", 12);
    public static final FfdTag<Long> TOTAL_SUM = sum(1020, "totalSum");
    public static final FfdTag<String> OPERATOR = text(1021, "operator", 64);
    /** Код ответа ОФД: 0 accepted, 11 not recognised, 14 failed format-logical control. */
    public static final FfdTag<Integer> OFD_RESPONSE_CODE = flag(1022, "ofdResponseCode");
    public static final FfdTag<BigDecimal> QUANTITY = new FfdTag<>(1023, "quantity", Fvln.QUANTITY);
    public static final FfdTag<String> NAME = text(1030, "name", 128);
    public static final FfdTag<Long> CASH_TOTAL_SUM = sum(1031, "cashTotalSum");
    public static final FfdTag<String> MACHINE_NUMBER = text(1036, "machineNumber", 20);
    public static final FfdTag<String> KKT_REG_ID = text(1037, "kktRegId", 20);
    public static final FfdTag<Long> SHIFT_NUMBER = u32(1038, "shiftNumber");
    public static final FfdTag<Long> FISCAL_DOCUMENT_NUMBER = u32(1040, "fiscalDocumentNumber");
    public static final FfdTag<String> FISCAL_DRIVE_NUMBER = text(1041, "fiscalDriveNumber", 16);
    public static final FfdTag<Long> REQUEST_NUMBER = u32(1042, "requestNumber");
    public static final FfdTag<Long> SUM = sum(1043, "sum");
    public static final FfdTag<String> OFD_NAME = text(1046, "ofdName", 256);
    public static final FfdTag<String> USER = text(1048, "user", 256);
    public static final FfdTag<Integer> FISCAL_DRIVE_EXHAUSTION_SIGN = flag(1050, "fiscalDriveExhaustionSign");
    public static final FfdTag<Integer> FISCAL_DRIVE_REPLACE_REQUIRED_SIGN = flag(1051, "fiscalDriveReplaceRequiredSign");
    public static final FfdTag<Integer> FISCAL_DRIVE_MEMORY_EXCEEDED_SIGN = flag(1052, "fiscalDriveMemoryExceededSign");
    public static final FfdTag<Integer> OFD_RESPONSE_TIMEOUT_SIGN = flag(1053, "ofdResponseTimeoutSign");
    public static final FfdTag<Integer> OPERATION_TYPE = flag(1054, "operationType");
    public static final FfdTag<Integer> APPLIED_TAXATION_TYPE = flag(1055, "appliedTaxationType");
    public static final FfdTag<Integer> ENCRYPTION_SIGN = flag(1056, "encryptionSign");
    public static final FfdTag<List<Tlv>> ITEMS = new FfdTag<>(1059, "items", new Stlv(1024));
    public static final FfdTag<String> FNS_URL = text(1060, "fnsUrl", 256);
    public static final FfdTag<Integer> TAXATION_TYPE = flag(1062, "taxationType");
    public static final FfdTag<List<Tlv>> MESSAGE_TO_FN = new FfdTag<>(1068, "messageToFn", new Stlv(169));
    /** ФПД: 6 bytes, see {@link FiscalSign}. */
    public static final FfdTag<byte[]> FISCAL_SIGN = new FfdTag<>(1077, "fiscalSign", Bytes.exactly(FiscalSign.LENGTH));
    /** ФПО: the operator's sign, up to 16 bytes (yandex/ofd accepts 18). */
    public static final FfdTag<byte[]> OPERATOR_FISCAL_SIGN = new FfdTag<>(1078, "operatorFiscalSign", Bytes.upTo(18));
    public static final FfdTag<Long> PRICE = sum(1079, "price");
    public static final FfdTag<Long> ECASH_TOTAL_SUM = sum(1081, "ecashTotalSum");
    public static final FfdTag<List<Tlv>> PROPERTIES = new FfdTag<>(1084, "properties", new Stlv(328));
    public static final FfdTag<String> PROPERTY_KEY = text(1085, "key", 64);
    public static final FfdTag<String> PROPERTY_VALUE = text(1086, "value", 256);
    public static final FfdTag<Long> NOT_TRANSMITTED_DOCUMENTS_QUANTITY = u32(1097, "notTransmittedDocumentsQuantity");
    public static final FfdTag<LocalDateTime> NOT_TRANSMITTED_DOCUMENTS_DATE_TIME =
            new FfdTag<>(1098, "notTransmittedDocumentsDateTime", UnixTime.TYPE);
    public static final FfdTag<Integer> CORRECTION_REASON_CODE = flag(1101, "correctionReasonCode");
    /** НДС по основной ставке (18%, 20%, 22% as the law changed). */
    public static final FfdTag<Long> NDS_BASIC = sum(1102, "nds18");
    public static final FfdTag<Long> NDS_10 = sum(1103, "nds10");
    /** Sum (not tax) of the items at 0%. */
    public static final FfdTag<Long> NDS_0 = sum(1104, "nds0");
    /** Sum of the items without VAT. */
    public static final FfdTag<Long> NDS_NO = sum(1105, "ndsNo");
    public static final FfdTag<Long> NDS_BASIC_CALCULATED = sum(1106, "ndsCalculated18");
    public static final FfdTag<Long> NDS_10_CALCULATED = sum(1107, "ndsCalculated10");
    public static final FfdTag<Integer> INTERNET_SIGN = flag(1108, "internetSign");
    public static final FfdTag<Integer> SERVICE_SIGN = flag(1109, "serviceSign");
    public static final FfdTag<Integer> BSO_SIGN = flag(1110, "bsoSign");
    public static final FfdTag<Long> DOCUMENTS_QUANTITY = u32(1111, "documentsQuantity");
    public static final FfdTag<Long> NOT_TRANSMITTED_DOCUMENT_NUMBER = u32(1116, "notTransmittedDocumentNumber");
    public static final FfdTag<String> SELLER_ADDRESS = text(1117, "sellerAddress", 64);
    public static final FfdTag<Long> RECEIPTS_QUANTITY = u32(1118, "receiptsQuantity");
    /** Признак расчета в сети «Интернет» (FFD 1.2 receipt). */
    public static final FfdTag<Integer> INTERNET_PAYMENT = flag(1125, "internetPayment");
    public static final FfdTag<String> PROVIDER_PHONE = text(1171, "providerPhone", 19);
    public static final FfdTag<Integer> CORRECTION_TYPE = flag(1173, "correctionType");
    public static final FfdTag<List<Tlv>> CORRECTION_BASE = new FfdTag<>(1174, "correctionBase", new Stlv(292));
    /** Наименование основания для коррекции (FFD 1.05; ATOL v4 {@code base_name}). */
    public static final FfdTag<String> CORRECTION_NAME = text(1177, "correctionName", 256);
    public static final FfdTag<LocalDateTime> CORRECTION_DOCUMENT_DATE =
            new FfdTag<>(1178, "correctionDocumentDate", UnixTime.TYPE);
    public static final FfdTag<String> CORRECTION_DOCUMENT_NUMBER = text(1179, "correctionDocumentNumber", 32);
    public static final FfdTag<String> RETAIL_PLACE = text(1187, "retailPlace", 256);
    public static final FfdTag<String> KKT_VERSION = text(1188, "kktVersion", 8);
    public static final FfdTag<Integer> DOCUMENT_KKT_VERSION = flag(1189, "documentKktVersion");
    public static final FfdTag<Integer> DOCUMENT_FN_VERSION = flag(1190, "documentFnVersion");
    public static final FfdTag<String> PROPERTIES_ITEM = text(1191, "propertiesItem", 64);
    public static final FfdTag<String> PROPERTIES_DATA = text(1192, "propertiesData", 16);
    /** Ставка НДС, values of {@link ru.openkassa.core.receipt.VatRate#tag1199()}. */
    public static final FfdTag<Integer> NDS = flag(1199, "nds");
    public static final FfdTag<Long> NDS_SUM = sum(1200, "ndsSum");
    public static final FfdTag<String> OPERATOR_INN = text(1203, "operatorInn", 12);
    public static final FfdTag<Integer> EXCISE_DUTY_PRODUCT_SIGN = flag(1207, "exciseDutyProductSign");
    /** Версия ФФД: 1 = 1.0, 2 = 1.05, 3 = 1.1, 4 = 1.2. */
    public static final FfdTag<Integer> FISCAL_DOCUMENT_FORMAT_VER = flag(1209, "fiscalDocumentFormatVer");
    public static final FfdTag<Integer> PRODUCT_TYPE = flag(1212, "productType");
    public static final FfdTag<Integer> PAYMENT_TYPE = flag(1214, "paymentType");
    public static final FfdTag<Long> PREPAID_SUM = sum(1215, "prepaidSum");
    public static final FfdTag<Long> CREDIT_SUM = sum(1216, "creditSum");
    public static final FfdTag<Long> PROVISION_SUM = sum(1217, "provisionSum");
    public static final FfdTag<Integer> PRINT_IN_MACHINE_SIGN = flag(1221, "printInMachineSign");
    public static final FfdTag<List<Tlv>> PROVIDER_DATA = new FfdTag<>(1224, "providerData", new Stlv(512));
    public static final FfdTag<String> PROVIDER_NAME = text(1225, "providerName", 256);
    public static final FfdTag<String> PROVIDER_INN = text(1226, "providerInn", 12);
    public static final FfdTag<String> BUYER = text(1227, "buyer", 256);
    public static final FfdTag<String> BUYER_INN = text(1228, "buyerInn", 12);
    /** Сведения о покупателе (FFD 1.2), holding 1227 and 1228. */
    public static final FfdTag<List<Tlv>> BUYER_INFORMATION = new FfdTag<>(1256, "buyerInformation", new Stlv(1024));
    /** Мера количества (FFD 1.2), values of {@link ru.openkassa.core.receipt.Measure#code()}. */
    public static final FfdTag<Integer> ITEMS_QUANTITY_MEASURE = flag(2108, "itemsQuantityMeasure");

    private static final Map<Integer, FfdTag<?>> BY_NUMBER = Stream.of(
                    FISCAL_REPORT, OPEN_SHIFT, RECEIPT, CLOSE_SHIFT, OPERATOR_CONFIRMATION, FISCAL_REPORT_CORRECTION,
                    CURRENT_STATE_REPORT, RECEIPT_CORRECTION,
                    AUTO_MODE, OFFLINE_MODE, BUYER_PHONE_OR_ADDRESS, RETAIL_PLACE_ADDRESS, DATE_TIME, KKT_NUMBER,
                    OFD_INN, USER_INN, TOTAL_SUM, OPERATOR, OFD_RESPONSE_CODE, QUANTITY, NAME, CASH_TOTAL_SUM,
                    MACHINE_NUMBER, KKT_REG_ID, SHIFT_NUMBER, FISCAL_DOCUMENT_NUMBER, FISCAL_DRIVE_NUMBER,
                    REQUEST_NUMBER, SUM, OFD_NAME, USER, FISCAL_DRIVE_EXHAUSTION_SIGN,
                    FISCAL_DRIVE_REPLACE_REQUIRED_SIGN, FISCAL_DRIVE_MEMORY_EXCEEDED_SIGN, OFD_RESPONSE_TIMEOUT_SIGN,
                    OPERATION_TYPE, APPLIED_TAXATION_TYPE, ENCRYPTION_SIGN, ITEMS, FNS_URL, TAXATION_TYPE,
                    MESSAGE_TO_FN, FISCAL_SIGN, OPERATOR_FISCAL_SIGN, PRICE, ECASH_TOTAL_SUM, PROPERTIES,
                    PROPERTY_KEY, PROPERTY_VALUE, NOT_TRANSMITTED_DOCUMENTS_QUANTITY,
                    NOT_TRANSMITTED_DOCUMENTS_DATE_TIME, CORRECTION_REASON_CODE, NDS_BASIC, NDS_10, NDS_0, NDS_NO,
                    NDS_BASIC_CALCULATED, NDS_10_CALCULATED, INTERNET_SIGN, SERVICE_SIGN, BSO_SIGN,
                    DOCUMENTS_QUANTITY, NOT_TRANSMITTED_DOCUMENT_NUMBER, SELLER_ADDRESS, RECEIPTS_QUANTITY,
                    INTERNET_PAYMENT, PROVIDER_PHONE, CORRECTION_TYPE, CORRECTION_BASE, CORRECTION_NAME, CORRECTION_DOCUMENT_DATE,
                    CORRECTION_DOCUMENT_NUMBER, RETAIL_PLACE, KKT_VERSION, DOCUMENT_KKT_VERSION,
                    DOCUMENT_FN_VERSION, PROPERTIES_ITEM, PROPERTIES_DATA, NDS, NDS_SUM, OPERATOR_INN,
                    EXCISE_DUTY_PRODUCT_SIGN, FISCAL_DOCUMENT_FORMAT_VER, PRODUCT_TYPE, PAYMENT_TYPE, PREPAID_SUM,
                    CREDIT_SUM, PROVISION_SUM, PRINT_IN_MACHINE_SIGN, PROVIDER_DATA, PROVIDER_NAME, PROVIDER_INN,
                    BUYER, BUYER_INN, BUYER_INFORMATION, ITEMS_QUANTITY_MEASURE)
            .collect(Collectors.toUnmodifiableMap(FfdTag::number, Function.identity()));

    public static Optional<FfdTag<?>> byNumber(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    public Tlv tlv(T value) {
        return Tlv.of(number, type, value);
    }

    public T decode(Tlv tlv) {
        if (tlv.tag() != number) {
            throw new IllegalArgumentException("tag " + tlv.tag() + " is not " + number);
        }
        return tlv.decode(type);
    }

    public boolean isStructure() {
        return type instanceof Stlv;
    }

    private static FfdTag<List<Tlv>> document(int code, String name) {
        return new FfdTag<>(code, name, new Stlv(Stlv.DOCUMENT_MAX));
    }

    private static FfdTag<Integer> flag(int number, String name) {
        return new FfdTag<>(number, name, UInt8.TYPE);
    }

    private static FfdTag<Long> u32(int number, String name) {
        return new FfdTag<>(number, name, UInt32.TYPE);
    }

    private static FfdTag<Long> sum(int number, String name) {
        return new FfdTag<>(number, name, Vln.SUM);
    }

    private static FfdTag<String> text(int number, String name, int maxLength) {
        return new FfdTag<>(number, name, new Cp866String(maxLength));
    }
}
