package ru.openkassa.server.support;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Receipt bodies of the ATOL v5 shape for the demo account. */
public final class ReceiptJson {

    private static final DateTimeFormatter ATOL_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReceiptJson() {
    }

    /**
     * The body with the value at a JSON pointer replaced (a raw JSON literal: {@code "301.00"},
     * {@code "\"text\""}), e.g. {@code set(body, "/receipt/items/0/sum", "301.00")}.
     */
    public static String set(String json, String pointer, String rawValue) {
        JsonNode root = JSON.readTree(json);
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        JsonNode value = JSON.readTree(rawValue);
        if (parent instanceof ObjectNode object) {
            object.set(path.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array) {
            array.set(path.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no parent for " + pointer);
        }
        return JSON.writeValueAsString(root);
    }

    /** The body without the member at a JSON pointer. */
    public static String remove(String json, String pointer) {
        JsonNode root = JSON.readTree(json);
        JsonPointer path = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(path.head())).remove(path.last().getMatchingProperty());
        return JSON.writeValueAsString(root);
    }

    /** Now, as a Moscow store writes its timestamp. */
    public static String now() {
        return ZonedDateTime.now(ZoneId.of("Europe/Moscow")).format(ATOL_TIME);
    }

    /** A valid sell for demo-shop-1 (ООО «Ромашка», УСН доход): 2 × 150.00 + 0.3 kg × 1000.00 = 600.00. */
    public static String sell(String externalId) {
        return sell(externalId, now());
    }

    public static String sell(String externalId, String timestamp) {
        return """
                {"external_id": "%s", "timestamp": "%s",
                 "service": {"callback_url": "https://shop.example.ru/atol-callback"},
                 "receipt": {
                   "client": {"email": "buyer@example.ru"},
                   "company": {"email": "chek@shop.example.ru", "sno": "usn_income", "inn": "5544332219",
                               "payment_address": "https://shop.example.ru"},
                   "items": [
                     {"name": "Чай зелёный", "price": 150.00, "quantity": 2, "measure": 0, "sum": 300.00,
                      "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}},
                     {"name": "Колбаса", "price": 1000.00, "quantity": 0.3, "measure": 11, "sum": 300.00,
                      "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}
                   ],
                   "payments": [{"type": 1, "sum": 600.00}],
                   "vats": [{"type": "none", "sum": 0}],
                   "total": 600.00
                 }}""".formatted(externalId, timestamp);
    }

    /** A valid sell for another legal entity (its INN and tax system), with a callback address. */
    public static String sellFor(String externalId, String inn, String sno, String callbackUrl) {
        String body = set(set(sell(externalId), "/receipt/company/inn", "\"" + inn + "\""),
                "/receipt/company/sno", "\"" + sno + "\"");
        return callbackUrl == null ? remove(body, "/service") : set(body, "/service/callback_url", "\"" + callbackUrl + "\"");
    }

    /** The native API body: the same receipt plus its group and operation. */
    public static String nativeSell(String group, String externalId) {
        String atol = sell(externalId);
        return "{\"group\": \"" + group + "\", \"operation\": \"sell\", " + atol.substring(atol.indexOf('{') + 1);
    }
}
