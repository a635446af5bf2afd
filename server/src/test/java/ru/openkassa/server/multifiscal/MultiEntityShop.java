package ru.openkassa.server.multifiscal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ru.openkassa.server.fleet.DeadlinePolicy;
import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ReceiptJson;
import ru.openkassa.server.support.ScriptedRegister;

/**
 * An account of a shop selling the goods of three legal entities A, B and C (ОСН), each with its own
 * group and one register, plus D with a group but no register; one API login for all the groups.
 */
final class MultiEntityShop {

    static final String A = "7701011525";
    static final String B = "7802449393";
    static final String C = "5003092665";
    static final String D = "6601858789";

    final long accountId;
    final String login;
    /** Register IDs issued by the server, by entity ИНН (A, B, C). */
    final Map<String, String> registerIds = new LinkedHashMap<>();
    /** Group codes by entity ИНН (A, B, C, D). */
    final Map<String, String> groups = new LinkedHashMap<>();

    MultiEntityShop(FleetService fleet, RegisterService registers) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        accountId = fleet.createAccount("mf-" + suffix, "Торговый центр " + suffix);
        List<Long> groupIds = new ArrayList<>();
        for (String inn : List.of(A, B, C, D)) {
            long entity = fleet.addLegalEntity(accountId, "Арендатор " + inn, inn, 1, "chek-" + inn + "@mall.example");
            String code = "mall-" + inn + "-" + suffix;
            long group = fleet.addGroup(accountId, code, "Магазин " + inn, entity, "https://mall.example",
                    DeadlinePolicy.MINUTES_5);
            groupIds.add(group);
            groups.put(inn, code);
            if (!inn.equals(D)) {
                registerIds.put(inn, registers.create(accountId, entity, "Касса " + inn, ZoneId.of("Europe/Moscow"),
                        List.of(group)).registerId());
            }
        }
        login = "mall-" + suffix;
        fleet.addApiCredential(accountId, login, "mall-pass", groupIds);
    }

    /**
     * Each entity's register says hello (registered to its entity, FN {@code fnPrefix} + its number):
     * from then on it can take the entity's receipts. The registers by entity ИНН.
     */
    Map<String, ScriptedRegister> connect(Http http, String fnPrefix) {
        Map<String, ScriptedRegister> connected = new LinkedHashMap<>();
        int n = 0;
        for (var entry : registerIds.entrySet()) {
            n++;
            ScriptedRegister register = new ScriptedRegister(http, entry.getValue(),
                    "SER-" + UUID.randomUUID().toString().substring(0, 8), entry.getKey(), fnPrefix + n);
            Http.Response hello = register.hello();
            if (hello.status() != 200) {
                throw new IllegalStateException("hello refused: " + hello.body());
            }
            connected.put(entry.getKey(), register);
        }
        return connected;
    }

    String bearer(Http http) {
        return "Bearer " + http.postJson("/api/v1/auth/token",
                "{\"login\":\"" + login + "\",\"password\":\"mall-pass\"}").json().get("token").stringValue();
    }

    /** One line of an entity: {@code quantity} at {@code price}, 22% VAT, pieces. */
    static String item(String inn, String name, String price, String quantity, String sum) {
        return """
                {"entity_inn": "%s", "name": "%s", "price": %s, "quantity": %s, "measure": 0, "sum": %s,
                 "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "vat22"}}"""
                .formatted(inn, name, price, quantity, sum);
    }

    /** The purchase: A 300.00, B 1000.00, C 700.00, with the given payments (JSON array items). */
    static String seedPurchase(String externalId, String payments) {
        return purchase(externalId, seedItems(), payments,
                "[{\"id\": \"TA\", \"bank\": \"Банк А\", \"entity_inn\": \"" + A + "\"},"
                        + " {\"id\": \"TB\", \"bank\": \"Банк Б\", \"entity_inn\": \"" + B + "\"},"
                        + " {\"id\": \"TC\", \"bank\": \"Банк В\", \"entity_inn\": \"" + C + "\"}]");
    }

    /** A 300.00 (one book), B 1000.00 (two jackets), C 700.00 (two packs of tea). */
    static List<String> seedItems() {
        return List.of(item(A, "Книга", "300.00", "1", "300.00"), item(B, "Куртка", "500.00", "2", "1000.00"),
                item(C, "Чай", "350.00", "2", "700.00"));
    }

    static String purchase(String externalId, List<String> items, String payments, String terminals) {
        return """
                {"external_id": "%s", "timestamp": "%s", "client": {"email": "buyer@example.ru"},
                 "items": [%s], "payments": [%s], "terminals": %s}"""
                .formatted(externalId, ReceiptJson.now(), String.join(", ", items), payments, terminals);
    }
}
