package ru.openkassa.core.qr;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import ru.openkassa.core.ffd.FfdTag;
import ru.openkassa.core.ffd.FiscalDocumentTlv;
import ru.openkassa.core.ffd.FiscalSign;
import ru.openkassa.core.ffd.Requisites;
import ru.openkassa.core.money.Money;

/**
 * The QR code of a receipt (tag 1196), the string the FNS app «Проверка чеков» reads:
 * {@code t=20190418T2116&s=3943.26&fn=9282000100072197&i=64318&fp=2918241905&n=1}.
 * We write minute precision, as most registers print it; a string with seconds
 * ({@code t=20190418T211655}) is read too, and keys may come in any order (ATOL's
 * {@code ofd_receipt_url} starts with {@code fn=}).
 *
 * @param dateTime   1012 the register's local time
 * @param sum        1020 ИТОГ
 * @param fnNumber   1041, 16 digits
 * @param fdNumber   1040 номер ФД
 * @param fiscalSign 1077 as printed, 0..4 294 967 295
 * @param operation  1054 признак расчета, 1..4
 */
public record ReceiptQr(LocalDateTime dateTime, Money sum, String fnNumber, long fdNumber, long fiscalSign, int operation) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern FN = Pattern.compile("\\d{16}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,10}");
    private static final Pattern ROUBLES = Pattern.compile("\\d{1,11}(\\.\\d{1,2})?");
    private static final List<String> KEYS = List.of("t", "s", "fn", "i", "fp", "n");
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    public ReceiptQr {
        if (sum.isNegative()) {
            throw new IllegalArgumentException("negative sum: " + sum);
        }
        if (fnNumber == null || !FN.matcher(fnNumber).matches()) {
            throw new IllegalArgumentException("FN number must be 16 digits: " + fnNumber);
        }
        if (fdNumber < 1 || fdNumber > UINT32_MAX) {
            throw new IllegalArgumentException("FD number out of 1..4294967295: " + fdNumber);
        }
        if (fiscalSign < 0 || fiscalSign > UINT32_MAX) {
            throw new IllegalArgumentException("printed fiscal sign out of 0..4294967295: " + fiscalSign);
        }
        if (operation < 1 || operation > 4) {
            throw new IllegalArgumentException("operation (1054) out of 1..4: " + operation);
        }
    }

    /**
     * The QR code of a signed receipt or correction receipt.
     *
     * @throws ru.openkassa.core.tlv.TlvFormatException when a requisite the code needs is missing
     */
    public static ReceiptQr of(FiscalDocumentTlv receipt) {
        Requisites requisites = receipt.read();
        FiscalSign sign = new FiscalSign(requisites.require(FfdTag.FISCAL_SIGN));
        return new ReceiptQr(
                requisites.require(FfdTag.DATE_TIME),
                Money.ofKopecks(requisites.require(FfdTag.TOTAL_SUM)),
                requisites.require(FfdTag.FISCAL_DRIVE_NUMBER),
                requisites.require(FfdTag.FISCAL_DOCUMENT_NUMBER),
                sign.printed(),
                requisites.require(FfdTag.OPERATION_TYPE));
    }

    public String toQrString() {
        return "t=" + MINUTES.format(dateTime)
                + "&s=" + sum
                + "&fn=" + fnNumber
                + "&i=" + fdNumber
                + "&fp=" + fiscalSign
                + "&n=" + operation;
    }

    /**
     * Reads a QR string.
     *
     * @throws QrFormatException naming the first missing, repeated, unknown or malformed key
     */
    public static ReceiptQr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QrFormatException("empty QR string");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.strip().split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new QrFormatException("not a key=value pair: '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new QrFormatException("unknown key '" + key + "'");
            }
            if (values.put(key, pair.substring(eq + 1)) != null) {
                throw new QrFormatException("key '" + key + "' given twice");
            }
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                throw new QrFormatException("missing key '" + key + "'");
            }
        }
        String fn = values.get("fn");
        if (!FN.matcher(fn).matches()) {
            throw new QrFormatException("fn must be 16 digits: '" + fn + "'");
        }
        long fd = number(values, "i");
        if (fd < 1) {
            throw new QrFormatException("i (FD number) must be at least 1: '" + values.get("i") + "'");
        }
        long operation = number(values, "n");
        if (operation < 1 || operation > 4) {
            throw new QrFormatException("n (1054) must be 1..4: '" + values.get("n") + "'");
        }
        return new ReceiptQr(dateTime(values.get("t")), sum(values.get("s")), fn, fd, number(values, "fp"), (int) operation);
    }

    private static LocalDateTime dateTime(String value) {
        DateTimeFormatter format = switch (value.length()) {
            case 13 -> MINUTES;
            case 15 -> SECONDS;
            default -> throw new QrFormatException("t must be yyyyMMddTHHmm or yyyyMMddTHHmmss: '" + value + "'");
        };
        try {
            return LocalDateTime.parse(value, format);
        } catch (DateTimeParseException e) {
            throw new QrFormatException("t is not a valid date-time: '" + value + "'");
        }
    }

    private static Money sum(String value) {
        if (!ROUBLES.matcher(value).matches()) {
            throw new QrFormatException("s must be roubles with up to 2 decimals, like 3943.26: '" + value + "'");
        }
        return Money.parse(new BigDecimal(value));
    }

    private static long number(Map<String, String> values, String key) {
        String value = values.get(key);
        if (!NUMBER.matcher(value).matches() || Long.parseLong(value) > UINT32_MAX) {
            throw new QrFormatException(key + " must be a number 0..4294967295: '" + value + "'");
        }
        return Long.parseLong(value);
    }
}
