package ru.openkassa.server.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ru.openkassa.server.multifiscal.MultiEntityShop.A;
import static ru.openkassa.server.multifiscal.MultiEntityShop.B;
import static ru.openkassa.server.multifiscal.MultiEntityShop.C;
import static ru.openkassa.server.multifiscal.MultiEntityShop.D;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import ru.openkassa.server.fleet.FleetService;
import ru.openkassa.server.fleet.RegisterService;
import ru.openkassa.server.support.ApiTest;
import ru.openkassa.server.support.Http;
import ru.openkassa.server.support.ScriptedRegister;
import ru.openkassa.server.support.Tenants;
import ru.openkassa.server.support.TestDatabase;

/**
 * The purchases resource over real HTTP against the test database, with registers driven step by
 * step over the device API: the split, idempotency, aggregated status, refunds and refusals.
 */
@ApiTest
class PurchaseApiTest {

    private static final String CASH_FIRST = "{\"means\": \"cash\", \"sum\": 800.00}, {\"means\": \"card\", \"sum\": 1200.00}";
    private static final String CARD_FIRST = "{\"means\": \"card\", \"sum\": 1500.00}, {\"means\": \"cash\", \"sum\": 500.00}";

    @LocalServerPort
    int port;

    @Autowired
    FleetService fleet;

    @Autowired
    RegisterService registerService;

    @Autowired
    JdbcClient jdbc;

    Http http;
    MultiEntityShop shop;
    String bearer;
    final Map<String, ScriptedRegister> registers = new HashMap<>();
    long fd = 100;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        shop = new MultiEntityShop(fleet, registerService);
        bearer = shop.bearer(http);
        registers.putAll(shop.connect(http, "999907890000000"));
    }

    private Http.Response post(String body) {
        return http.postJson("/api/v1/purchases", body, "Authorization", bearer);
    }

    private JsonNode created(String body) {
        Http.Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode get(String id) {
        return http.get("/api/v1/purchases/" + id, "Authorization", bearer).json();
    }

    private static JsonNode row(JsonNode purchase, String inn) {
        for (JsonNode row : purchase.get("allocation")) {
            if (row.get("entity_inn").stringValue().equals(inn)) {
                return row;
            }
        }
        throw new AssertionError("no allocation row for " + inn);
    }

    private static Map<String, String> payments(JsonNode row) {
        Map<String, String> payments = new HashMap<>();
        row.get("payments").forEach(p -> payments.put(p.get("means").stringValue(), p.get("amount").decimalValue().setScale(2).toPlainString()));
        return payments;
    }

    private static List<String> order(JsonNode purchase) {
        return purchase.get("allocation").valueStream().map(r -> r.get("entity_inn").stringValue()).toList();
    }

    /** Each register takes its task and fiscalizes it, except the ones told to fail. */
    private void registersAnswer(String... failing) {
        for (var entry : registers.entrySet()) {
            JsonNode task = entry.getValue().nextTask(2);
            assertThat(task).as("a task for " + entry.getKey()).isNotNull();
            String id = task.get("id").stringValue();
            assertThat(entry.getValue().ack(id).status()).isEqualTo(200);
            if (List.of(failing).contains(entry.getKey())) {
                assertThat(entry.getValue().failed(id, 3807, "ФН переполнен", false).status()).isEqualTo(200);
            } else {
                assertThat(entry.getValue().fiscalized(id, fd++, 1_000_000L + fd).status()).isEqualTo(200);
            }
        }
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where account_id = ?").param(shop.accountId)
                .query(Long.class).single();
    }

    private Map<String, Long> rows() {
        return Map.of("purchase", count("purchase"), "purchase_receipt", count("purchase_receipt"),
                "fiscal_job", count("fiscal_job"), "purchase_refund", count("purchase_refund"));
    }

    private void refused(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode errors = response.json().get("errors");
        assertThat(errors.valueStream().map(e -> e.get("code").stringValue() + "@"
                + (e.has("field") ? e.get("field").stringValue() : null)).toList())
                .as(response.body()).contains(code + "@" + field);
    }

    @Test
    void cashFirstSpreadsTheCashOverAscendingAmountsAndEachEntityGetsAJobInItsOwnGroup() {
        JsonNode purchase = created(MultiEntityShop.seedPurchase("cash-first-" + UUID.randomUUID(), CASH_FIRST));
        assertThat(purchase.get("status").stringValue()).isEqualTo("wait");
        assertThat(purchase.get("payment_order").stringValue()).isEqualTo("cash_first");
        assertThat(purchase.get("total").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(order(purchase)).containsExactly(A, C, B);
        assertThat(payments(row(purchase, A))).isEqualTo(Map.of("cash", "300.00"));
        assertThat(payments(row(purchase, C))).isEqualTo(Map.of("cash", "500.00", "card", "200.00"));
        assertThat(payments(row(purchase, B))).isEqualTo(Map.of("card", "1000.00"));
        assertThat(row(purchase, C).get("terminal").get("id").stringValue()).isEqualTo("TC");
        assertThat(row(purchase, A).has("terminal")).isFalse();

        JsonNode receipts = purchase.get("receipts");
        assertThat(receipts).hasSize(3);
        for (JsonNode receipt : receipts) {
            String inn = receipt.get("entity_inn").stringValue();
            assertThat(receipt.get("group").stringValue()).isEqualTo(shop.groups.get(inn));
            assertThat(receipt.get("state").stringValue()).isEqualTo("accepted");
            // a normal fiscal job: the receipts resource knows it
            JsonNode job = http.get("/api/v1/receipts/" + receipt.get("id").stringValue(), "Authorization", bearer).json();
            assertThat(job.get("operation").stringValue()).isEqualTo("sell");
            assertThat(job.get("total").decimalValue()).isEqualByComparingTo(row(purchase, inn).get("total").decimalValue());
        }
    }

    @Test
    void cardFirstMakesACardTransactionPerEntityOverDescendingAmountsAndTheRestInCash() {
        JsonNode purchase = created(MultiEntityShop.seedPurchase("card-first-" + UUID.randomUUID(), CARD_FIRST));
        assertThat(purchase.get("payment_order").stringValue()).isEqualTo("card_first");
        assertThat(order(purchase)).containsExactly(B, C, A);
        assertThat(payments(row(purchase, B))).isEqualTo(Map.of("card", "1000.00"));
        assertThat(payments(row(purchase, C))).isEqualTo(Map.of("card", "500.00", "cash", "200.00"));
        assertThat(payments(row(purchase, A))).isEqualTo(Map.of("cash", "300.00"));
    }

    @Test
    void oneSharedTerminalTakesTheCardTransactionOfEveryEntityAndAPrepaymentIsSharedInProportion() {
        JsonNode purchase = created(MultiEntityShop.purchase("shared-" + UUID.randomUUID(), MultiEntityShop.seedItems(),
                "{\"means\": \"prepayment\", \"sum\": 200.00}, {\"means\": \"card\", \"sum\": 1800.00}",
                "[{\"id\": \"SB1\", \"bank\": \"Сбербанк\"}]"));
        assertThat(purchase.get("payment_order").stringValue()).isEqualTo("card_first");
        assertThat(payments(row(purchase, A))).isEqualTo(Map.of("prepayment", "30.00", "card", "270.00"));
        assertThat(payments(row(purchase, B))).isEqualTo(Map.of("prepayment", "100.00", "card", "900.00"));
        assertThat(payments(row(purchase, C))).isEqualTo(Map.of("prepayment", "70.00", "card", "630.00"));
        for (JsonNode row : purchase.get("allocation")) {
            assertThat(row.get("terminal").get("id").stringValue()).isEqualTo("SB1");
            assertThat(row.get("terminal").get("shared_by_all_entities").booleanValue()).isTrue();
        }
    }

    @Test
    void aTaxSystemTheEntitysRegistersAreNotRegisteredWithIsRefusedUnderEntities() {
        Map<String, Long> before = rows();
        String body = MultiEntityShop.seedPurchase("sno-" + UUID.randomUUID(), CASH_FIRST)
                .replace("\"terminals\":", "\"entities\": [{\"inn\": \"" + A + "\", \"sno\": \"usn_income\"}], \"terminals\":");
        refused(post(body), 400, "sno_not_registered", "entities");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void eachRegisterGetsOnlyItsEntitysReceiptWithItsLinesAndPayments() {
        created(MultiEntityShop.seedPurchase("routing-" + UUID.randomUUID(), CASH_FIRST));
        JsonNode task = registers.get(C).nextTask(2);
        JsonNode request = task.get("receipt").get("request").get("receipt");
        assertThat(request.get("company").get("inn").stringValue()).isEqualTo(C);
        assertThat(request.get("company").get("sno").stringValue()).isEqualTo("osn");
        assertThat(request.get("items")).hasSize(1);
        assertThat(request.get("items").get(0).get("name").stringValue()).isEqualTo("Чай");
        assertThat(request.get("payments").valueStream().map(p -> p.get("type").intValue() + "=" + p.get("sum").decimalValue().setScale(2))
                .toList()).containsExactly("0=500.00", "1=200.00");
        assertThat(request.get("total").decimalValue()).isEqualByComparingTo("700.00");
    }

    @Test
    void theSameExternalIdReturnsTheSamePurchaseAndStoresNothingMore() {
        String body = MultiEntityShop.seedPurchase("again-" + UUID.randomUUID(), CASH_FIRST);
        JsonNode first = created(body);
        Map<String, Long> before = rows();
        Http.Response repeat = post(body);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("id")).isEqualTo(first.get("id"));
        assertThat(repeat.header("Location")).isEqualTo("/api/v1/purchases/" + first.get("id").stringValue());
        assertThat(rows()).isEqualTo(before);
        JsonNode byExternalId = http.get("/api/v1/purchases?external_id=" + first.get("external_id").stringValue(),
                "Authorization", bearer).json();
        assertThat(byExternalId.get("id")).isEqualTo(first.get("id"));
    }

    @Test
    void concurrentRepeatsOfOnePurchaseEndInOnePurchaseAndThreeJobs() throws Exception {
        String body = MultiEntityShop.seedPurchase("race-" + UUID.randomUUID(), CASH_FIRST);
        List<Thread> threads = new java.util.ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> statuses.add(post(body).status())));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(count("purchase")).isEqualTo(1);
        assertThat(count("fiscal_job")).isEqualTo(3);
    }

    @Test
    void whenOneJobOfAPurchaseCannotBeStoredNothingOfThePurchaseIsStored() {
        assumeTrue(TestDatabase.isPostgres(), "the fault is injected with a PostgreSQL trigger");
        // C's receipt (700.00) of this account fails on insert, after A's has been written
        jdbc.sql("""
                create or replace function purchase_test_fault() returns trigger language plpgsql as $$
                begin
                  if new.account_id = %d and new.total_kopecks = 70000 then
                    raise exception 'injected fault';
                  end if;
                  return new;
                end $$""".formatted(shop.accountId)).update();
        jdbc.sql("create trigger purchase_test_fault before insert on fiscal_job for each row execute function purchase_test_fault()")
                .update();
        try {
            Map<String, Long> before = rows();
            Http.Response response = post(MultiEntityShop.seedPurchase("atomic-" + UUID.randomUUID(), CASH_FIRST));
            assertThat(response.status()).as(response.body()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("injected");
            assertThat(rows()).isEqualTo(before);
        } finally {
            jdbc.sql("drop trigger purchase_test_fault on fiscal_job").update();
            jdbc.sql("drop function purchase_test_fault()").update();
        }
        // nothing half-stored blocks the store from sending the purchase again
        assertThat(post(MultiEntityShop.seedPurchase("atomic-again-" + UUID.randomUUID(), CASH_FIRST)).status()).isEqualTo(201);
    }

    @Test
    void whenAllRegistersFiscalizeThePurchaseIsDone() {
        JsonNode purchase = created(MultiEntityShop.seedPurchase("done-" + UUID.randomUUID(), CASH_FIRST));
        registersAnswer();
        JsonNode now = get(purchase.get("id").stringValue());
        assertThat(now.get("status").stringValue()).isEqualTo("done");
        assertThat(now.get("problems")).isEmpty();
        now.get("receipts").forEach(r -> assertThat(r.get("fiscal").get("fn_number").stringValue())
                .isEqualTo(registers.get(r.get("entity_inn").stringValue()).fnNumber()));
    }

    @Test
    void aReceiptFailingAtItsRegisterLeavesTheOthersFiscalizedAndThePurchasePartlyFailedWithWhatToDo() {
        JsonNode purchase = created(MultiEntityShop.seedPurchase("partly-" + UUID.randomUUID(), CASH_FIRST));
        String id = purchase.get("id").stringValue();
        registersAnswer(C);
        JsonNode now = get(id);
        assertThat(now.get("status").stringValue()).isEqualTo("partly_failed");
        for (JsonNode receipt : now.get("receipts")) {
            String expected = receipt.get("entity_inn").stringValue().equals(C) ? "failed" : "fiscalized";
            assertThat(receipt.get("state").stringValue()).as(receipt.toString()).isEqualTo(expected);
        }
        JsonNode problem = now.get("problems").get(0);
        assertThat(now.get("problems")).hasSize(1);
        assertThat(problem.get("entity_inn").stringValue()).isEqualTo(C);
        assertThat(problem.get("error").get("text").stringValue()).contains("ФН переполнен");
        assertThat(problem.get("action").get("code").stringValue()).isEqualTo("resend_entity_receipt_or_refund");
        assertThat(problem.get("action").get("message").get("ru").stringValue()).contains(C);

        Map<String, Long> before = rows();
        refused(http.postJson("/api/v1/purchases/" + id + "/refunds", "{\"external_id\": \"r1\"}", "Authorization", bearer),
                409, "purchase_not_fiscalized", "id");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void whenEveryRegisterFailsThePurchaseFailed() {
        JsonNode purchase = created(MultiEntityShop.seedPurchase("failed-" + UUID.randomUUID(), CASH_FIRST));
        registersAnswer(A, B, C);
        JsonNode now = get(purchase.get("id").stringValue());
        assertThat(now.get("status").stringValue()).isEqualTo("failed");
        assertThat(now.get("problems")).hasSize(3);
        assertThat(now.get("problems").get(0).get("action").get("code").stringValue()).isEqualTo("refund_payment_or_resend");
    }

    @Test
    void partialThenFullRefundReturnExactlyWhatEachEntityGotToTheMeansItWasPaidWith() {
        JsonNode purchase = created(MultiEntityShop.seedPurchase("refund-" + UUID.randomUUID(), CASH_FIRST));
        String id = purchase.get("id").stringValue();
        registersAnswer();
        String refunds = "/api/v1/purchases/" + id + "/refunds";

        // one of C's two packs of tea (350.00): C was paid 500.00 cash + 200.00 card; the card goes back first
        Http.Response partial = http.postJson(refunds, "{\"external_id\": \"ret-1\", \"lines\": [{\"position\": 2, \"quantity\": 1}]}",
                "Authorization", bearer);
        assertThat(partial.status()).as(partial.body()).isEqualTo(201);
        JsonNode first = partial.json();
        assertThat(first.get("total").decimalValue()).isEqualByComparingTo("350.00");
        assertThat(first.get("payments")).hasSize(1);
        assertThat(first.get("payments").get(0).get("entity_inn").stringValue()).isEqualTo(C);
        assertThat(payments(first.get("payments").get(0))).isEqualTo(Map.of("card", "200.00", "cash", "150.00"));
        assertThat(first.get("payments").get(0).get("terminal").get("id").stringValue()).isEqualTo("TC");
        assertThat(first.get("receipts")).hasSize(1);
        assertThat(first.get("receipts").get(0).get("operation").stringValue()).isEqualTo("sell_refund");
        assertThat(first.get("receipts").get(0).get("group").stringValue()).isEqualTo(shop.groups.get(C));

        // the same refund again: the same answer, nothing new
        Map<String, Long> before = rows();
        Http.Response repeat = http.postJson(refunds, "{\"external_id\": \"ret-1\", \"lines\": [{\"position\": 2, \"quantity\": 1}]}",
                "Authorization", bearer);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("id")).isEqualTo(first.get("id"));
        assertThat(rows()).isEqualTo(before);

        // two more packs of C's tea than are left
        refused(http.postJson(refunds, "{\"external_id\": \"ret-2\", \"lines\": [{\"position\": 2, \"quantity\": 2}]}",
                "Authorization", bearer), 400, "refund_exceeds_purchase", "lines[0].quantity");
        refused(http.postJson(refunds, "{\"external_id\": \"ret-2\", \"lines\": [{\"position\": 7, \"quantity\": 1}]}",
                "Authorization", bearer), 400, "unknown_purchase_line", "lines[0].position");
        assertThat(rows()).isEqualTo(before);

        // the rest: A's and B's goods in full, C's other pack in cash (its card part already went back)
        Http.Response full = http.postJson(refunds, "{\"external_id\": \"ret-2\"}", "Authorization", bearer);
        assertThat(full.status()).as(full.body()).isEqualTo(201);
        JsonNode rest = full.json();
        assertThat(rest.get("total").decimalValue()).isEqualByComparingTo("1650.00");
        Map<String, Map<String, String>> byEntity = new HashMap<>();
        rest.get("payments").forEach(p -> byEntity.put(p.get("entity_inn").stringValue(), payments(p)));
        assertThat(byEntity).isEqualTo(Map.of(A, Map.of("cash", "300.00"), B, Map.of("card", "1000.00"),
                C, Map.of("cash", "350.00")));
        assertThat(rest.get("receipts")).hasSize(3);

        refused(http.postJson(refunds, "{\"external_id\": \"ret-3\"}", "Authorization", bearer), 400, "nothing_to_refund", "lines");

        JsonNode now = get(id);
        assertThat(now.get("refunds")).hasSize(2);
        assertThat(now.get("refunds").get(0).get("status").stringValue()).isEqualTo("wait");
        assertThat(now.get("status").stringValue()).isEqualTo("done");
    }

    @Test
    void concurrentFullRefundsReturnThePurchaseOnceOnly() throws Exception {
        String id = created(MultiEntityShop.seedPurchase("refund-race-" + UUID.randomUUID(), CASH_FIRST)).get("id").stringValue();
        registersAnswer();
        List<Thread> threads = new java.util.ArrayList<>();
        List<String> answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 6; i++) {
            String externalId = "all-back-" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                Http.Response response = http.postJson("/api/v1/purchases/" + id + "/refunds",
                        "{\"external_id\": \"" + externalId + "\"}", "Authorization", bearer);
                answers.add(response.status() == 201 ? "201"
                        : response.status() + " " + response.json().get("errors").get(0).get("code").stringValue());
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(answers).containsOnly("201", "400 nothing_to_refund");
        assertThat(answers.stream().filter("201"::equals)).hasSize(1);
        assertThat(count("purchase_refund")).isEqualTo(1);
        assertThat(count("fiscal_job")).isEqualTo(6);
    }

    @Test
    void badPurchasesAreRefusedWithTheirCodeAndFieldAndNothingIsStored() {
        Map<String, Long> before = rows();
        String stranger = "7707083893"; // a valid ИНН, but not a legal entity of this account
        refused(post(MultiEntityShop.purchase("x1", List.of(MultiEntityShop.item(stranger, "Вещь", "10.00", "1", "10.00")),
                "{\"means\": \"cash\", \"sum\": 10.00}", "[]")), 400, "entity_not_in_account", "items[0].entity_inn");
        refused(post(MultiEntityShop.purchase("x2", List.of(MultiEntityShop.item(A, "Вещь", "10.00", "1", "10.00"),
                MultiEntityShop.item(D, "Вещь", "10.00", "1", "10.00")), "{\"means\": \"cash\", \"sum\": 20.00}", "[]")),
                400, "no_register_for_entity", "items[1].entity_inn");
        refused(post(MultiEntityShop.seedPurchase("x3", "{\"means\": \"cash\", \"sum\": 800.00}, {\"means\": \"card\", \"sum\": 1000.00}")),
                400, "payments_do_not_cover_total", "payments");
        refused(post(MultiEntityShop.purchase("x4", List.of(MultiEntityShop.item(A, "Вещь", "10.00", "1", "10.00")),
                "{\"means\": \"card\", \"sum\": 10.00}",
                "[{\"id\": \"T1\", \"bank\": \"Сбербанк\", \"entity_inn\": \"" + A + "\"}, {\"id\": \"T2\", \"bank\": \" сбербанк\"}]")),
                400, "several_terminals_of_one_bank", "terminals[1].bank");
        refused(post(MultiEntityShop.purchase("x5", List.of(MultiEntityShop.item("12345", "Вещь", "10.00", "1", "10.00")),
                "{\"means\": \"cash\", \"sum\": 10.00}", "[]")), 400, "bad_inn", "items[0].entity_inn");
        refused(post(MultiEntityShop.purchase("x6", List.of(MultiEntityShop.item(A, "Вещь", "10.00", "1", "11.00")),
                "{\"means\": \"bitcoin\", \"sum\": 11.00}", "[]")), 400, "unknown_value", "payments[0].means");
        refused(post(MultiEntityShop.purchase("x7", List.of(MultiEntityShop.item(A, "Вещь", "10.00", "1", "12.00")),
                "{\"means\": \"cash\", \"sum\": 12.00}", "[]")), 400, "sum_mismatch", "items[0].sum");
        refused(post("{\"external_id\": \"x8\", \"items\": ["), 400, "malformed_json", null);
        String noContact = MultiEntityShop.seedPurchase("x9", CASH_FIRST).replace("{\"email\": \"buyer@example.ru\"}", "{}");
        refused(post(noContact), 400, "client_contact_required", "client");
        refused(post(MultiEntityShop.seedPurchase("x10", CASH_FIRST).replace("\"external_id\": \"x10\", ", "")),
                400, "required", "external_id");
        refused(http.get("/api/v1/purchases?external_id=never-sent", "Authorization", bearer), 404, "purchase_not_found", "id");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void withoutATokenTheAnswerIs401AndAnotherTenantsPurchaseIs404() {
        String id = created(MultiEntityShop.seedPurchase("mine-" + UUID.randomUUID(), CASH_FIRST)).get("id").stringValue();
        Map<String, Long> before = rows();
        refused(http.postJson("/api/v1/purchases", MultiEntityShop.seedPurchase("anon", CASH_FIRST)), 401, "unauthorized",
                "Authorization");
        refused(http.get("/api/v1/purchases/" + id), 401, "unauthorized", "Authorization");

        Tenants.Tenant other = Tenants.create(fleet);
        String otherBearer = other.bearer(http);
        refused(http.get("/api/v1/purchases/" + id, "Authorization", otherBearer), 404, "purchase_not_found", "id");
        refused(http.postJson("/api/v1/purchases/" + id + "/refunds", "{\"external_id\": \"steal\"}",
                "Authorization", otherBearer), 404, "purchase_not_found", "id");
        refused(http.get("/api/v1/purchases/not-a-uuid", "Authorization", bearer), 404, "purchase_not_found", "id");
        assertThat(rows()).isEqualTo(before);
    }
}
