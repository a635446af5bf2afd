package ru.openkassa.server.multifiscal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import ru.openkassa.core.atol.AtolRequestReader;
import ru.openkassa.core.atol.ReadResult;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.multifiscal.PaymentMeans;
import ru.openkassa.core.multifiscal.PaymentOrder;
import ru.openkassa.core.multifiscal.Purchase;
import ru.openkassa.core.multifiscal.PurchaseItem;
import ru.openkassa.core.multifiscal.PurchaseSplitter;
import ru.openkassa.core.multifiscal.SplitResult;
import ru.openkassa.core.multifiscal.Tender;
import ru.openkassa.core.multifiscal.Terminal;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * Reads the body of {@code POST /api/v1/purchases}. The lines, the buyer and the time have the
 * fields of ATOL v5 and are checked by core's ATOL reader (one receipt holding all the lines), so
 * that a line is judged exactly as on any receipt; the multi-fiscal parts (entities, payments by
 * means, terminals) are read here. Every problem is reported at once, with its field.
 */
final class PurchaseReader {

    /** Stand-ins for the seller while the lines are read: each entity's real details come later. */
    private static final String STAND_IN_INN = "7707083893";
    private static final String STAND_IN_EMAIL = "purchase@openkassa.invalid";

    private final AtolRequestReader atol = new AtolRequestReader();
    private final PurchaseSplitter splitter = new PurchaseSplitter();

    BodyReading<PurchaseRequest> read(byte[] body) {
        Optional<JsonNode> object = BodyReading.object(body);
        if (object.isEmpty()) {
            return new BodyReading.Malformed<>();
        }
        JsonNode root = object.get();
        List<Violation> found = new ArrayList<>();
        Optional<ReceiptRequest> lines = lines(root, found);
        List<String> inns = entityInns(root, found);
        List<Tender> tenders = tenders(root, found);
        List<Terminal> terminals = terminals(root, found);
        Map<String, PurchaseRequest.EntitySettings> entities = entities(root, found);
        if (lines.isEmpty()) {
            return new BodyReading.Refused<>(found);
        }
        ReceiptRequest read = lines.get();
        List<PurchaseItem> items = new ArrayList<>();
        List<Item> readItems = read.document().items();
        for (int i = 0; i < readItems.size(); i++) {
            items.add(new PurchaseItem(inns.get(i), readItems.get(i)));
        }
        boolean paymentsRead = found.stream().noneMatch(v -> v.field() != null && v.field().startsWith("payments"));
        SplitResult split = splitter.split(new Purchase(items, tenders, terminals));
        if (split instanceof SplitResult.Refused refused) {
            for (Violation v : refused.violations()) {
                String field = v.field() == null ? null : v.field().replace("tenders", "payments").replace(".amount", ".sum");
                // with a payment unread, "does not cover the total" would only repeat that fault
                if (paymentsRead || field == null || !field.startsWith("payments")) {
                    found.add(new Violation(v.code(), field, v.messageRu(), v.messageEn()));
                }
            }
        }
        if (!found.isEmpty()) {
            return new BodyReading.Refused<>(found);
        }
        return new BodyReading.Read<>(new PurchaseRequest(read.externalId(), read.timestamp(), read.callbackUrl(),
                read.document().client(), entities, ((SplitResult.Split) split).purchase()));
    }

    /**
     * The lines, the buyer, external_id, timestamp and service read as one ATOL v5 sell of them all:
     * the seller and the payments of that stand-in receipt are ours, so their faults are not the
     * store's and are not reported (a total beyond the fiscal limit is, as the lines').
     */
    private Optional<ReceiptRequest> lines(JsonNode root, List<Violation> found) {
        ObjectNode atolRoot = BodyReading.JSON.createObjectNode();
        copy(root, atolRoot, "external_id");
        copy(root, atolRoot, "timestamp");
        copy(root, atolRoot, "service");
        ObjectNode receipt = atolRoot.putObject("receipt");
        copy(root, receipt, "client");
        receipt.putObject("company").put("email", STAND_IN_EMAIL).put("inn", STAND_IN_INN)
                .put("payment_address", "purchase");
        JsonNode items = root.get("items");
        BigDecimal total = BigDecimal.ZERO;
        if (items != null && items.isArray()) {
            ArrayNode copies = receipt.putArray("items");
            for (JsonNode item : items) {
                JsonNode copy = item.deepCopy();
                if (copy instanceof ObjectNode object) {
                    object.remove("entity_inn");
                    JsonNode sum = object.get("sum");
                    if (sum != null && sum.isNumber()) {
                        total = total.add(sum.decimalValue());
                    }
                }
                copies.add(copy);
            }
        } else if (items != null) {
            receipt.set("items", items);
        }
        receipt.putArray("payments").addObject().put("type", 1).put("sum", total);
        receipt.put("total", total);
        ReadResult result = atol.read(BodyReading.JSON.writeValueAsString(atolRoot).getBytes(StandardCharsets.UTF_8),
                AtolVersion.V5, Operation.SELL);
        return switch (result) {
            case ReadResult.Accepted accepted -> Optional.of(accepted.request());
            case ReadResult.Malformed malformed -> throw new IllegalStateException("own JSON unreadable: " + malformed.detail());
            case ReadResult.Invalid invalid -> {
                List<Violation> stores = new ArrayList<>();
                for (Violation v : invalid.violations()) {
                    String field = v.field() == null ? "" : v.field();
                    if (field.startsWith("receipt.items") || field.startsWith("receipt.client")) {
                        stores.add(new Violation(v.code(), field.substring("receipt.".length()), v.messageRu(), v.messageEn()));
                    } else if (field.equals("receipt.total") && v.code().equals(ViolationCode.OUT_OF_RANGE.code())) {
                        stores.add(new Violation(v.code(), "items", v.messageRu(), v.messageEn()));
                    } else if (!field.startsWith("receipt.")) {
                        stores.add(v);
                    }
                }
                if (stores.isEmpty()) {
                    // only the stand-in's arithmetic failed, which follows from the lines: name them
                    invalid.violations().forEach(v -> stores.add(new Violation(v.code(), "items", v.messageRu(), v.messageEn())));
                }
                found.addAll(stores);
                yield Optional.empty();
            }
        };
    }

    /** Each line's ИНН as written; its presence and check digits are the splitter's to judge. */
    private static List<String> entityInns(JsonNode root, List<Violation> found) {
        List<String> inns = new ArrayList<>();
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            return inns;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode inn = items.get(i).get("entity_inn");
            if (inn != null && !inn.isNull() && !inn.isString()) {
                found.add(ViolationCode.WRONG_TYPE.at("items[" + i + "].entity_inn"));
                inns.add(null);
            } else {
                inns.add(inn == null || inn.isNull() ? null : inn.stringValue());
            }
        }
        return inns;
    }

    /**
     * {@code payments} in the order the cashier took them; {@code payment_order}, when given, puts
     * the named means first (the order is what the allocation rules turn on).
     */
    private static List<Tender> tenders(JsonNode root, List<Violation> found) {
        List<Tender> tenders = new ArrayList<>();
        JsonNode payments = root.get("payments");
        if (payments == null || payments.isNull()) {
            found.add(ViolationCode.REQUIRED.at("payments"));
            return tenders;
        }
        if (!payments.isArray()) {
            found.add(ViolationCode.WRONG_TYPE.at("payments"));
            return tenders;
        }
        if (payments.isEmpty()) {
            found.add(ViolationCode.TOO_FEW.at("payments"));
        }
        for (int i = 0; i < payments.size(); i++) {
            JsonNode payment = payments.get(i);
            String path = "payments[" + i + "]";
            if (!payment.isObject()) {
                found.add(ViolationCode.WRONG_TYPE.at(path));
                continue;
            }
            PaymentMeans means = means(payment.get("means"), path + ".means", found);
            Money sum = money(payment.get("sum"), path + ".sum", found);
            if (means != null && sum != null) {
                if (!sum.isGreaterThan(Money.ZERO)) {
                    found.add(ViolationCode.NOT_POSITIVE.at(path + ".sum"));
                } else {
                    tenders.add(new Tender(means, sum));
                }
            }
        }
        JsonNode order = root.get("payment_order");
        if (order != null && !order.isNull()) {
            Optional<PaymentOrder> named = order.isString() ? paymentOrder(order.stringValue()) : Optional.empty();
            if (named.isEmpty()) {
                found.add(ViolationCode.UNKNOWN_VALUE.at("payment_order", Phrase.of(
                        "ожидается cash_first или card_first", "cash_first or card_first expected")));
            } else {
                PaymentMeans first = named.get() == PaymentOrder.CASH_FIRST ? PaymentMeans.CASH : PaymentMeans.CARD;
                tenders.sort(Comparator.comparing((Tender t) -> t.means() != first));
            }
        }
        return tenders;
    }

    private static Optional<PaymentOrder> paymentOrder(String name) {
        return switch (name) {
            case "cash_first" -> Optional.of(PaymentOrder.CASH_FIRST);
            case "card_first" -> Optional.of(PaymentOrder.CARD_FIRST);
            default -> Optional.empty();
        };
    }

    private static PaymentMeans means(JsonNode node, String path, List<Violation> found) {
        if (node == null || node.isNull()) {
            found.add(ViolationCode.REQUIRED.at(path));
            return null;
        }
        if (node.isString()) {
            for (PaymentMeans means : PaymentMeans.values()) {
                if (means.name().equalsIgnoreCase(node.stringValue())) {
                    return means;
                }
            }
        }
        found.add(ViolationCode.UNKNOWN_VALUE.at(path, Phrase.of(
                "ожидается cash, card, prepayment или other", "cash, card, prepayment or other expected")));
        return null;
    }

    private static Money money(JsonNode node, String path, List<Violation> found) {
        if (node == null || node.isNull()) {
            found.add(ViolationCode.REQUIRED.at(path));
            return null;
        }
        if (!node.isNumber()) {
            found.add(ViolationCode.WRONG_TYPE.at(path));
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.stripTrailingZeros().scale() > 2) {
            found.add(ViolationCode.FRACTIONAL_DIGITS.at(path));
            return null;
        }
        if (value.compareTo(Money.MAX_FISCAL.toBigDecimal()) > 0) {
            found.add(ViolationCode.OUT_OF_RANGE.at(path, Phrase.of("не больше " + Money.MAX_FISCAL,
                    "at most " + Money.MAX_FISCAL)));
            return null;
        }
        return Money.parse(value);
    }

    private static List<Terminal> terminals(JsonNode root, List<Violation> found) {
        List<Terminal> terminals = new ArrayList<>();
        JsonNode array = root.get("terminals");
        if (array == null || array.isNull()) {
            return terminals;
        }
        if (!array.isArray()) {
            found.add(ViolationCode.WRONG_TYPE.at("terminals"));
            return terminals;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String path = "terminals[" + i + "]";
            if (!node.isObject()) {
                found.add(ViolationCode.WRONG_TYPE.at(path));
                continue;
            }
            terminals.add(new Terminal(string(node, "id", path, found), string(node, "bank", path, found),
                    string(node, "entity_inn", path, found)));
        }
        return terminals;
    }

    private static Map<String, PurchaseRequest.EntitySettings> entities(JsonNode root, List<Violation> found) {
        Map<String, PurchaseRequest.EntitySettings> entities = new HashMap<>();
        JsonNode array = root.get("entities");
        if (array == null || array.isNull()) {
            return entities;
        }
        if (!array.isArray()) {
            found.add(ViolationCode.WRONG_TYPE.at("entities"));
            return entities;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String path = "entities[" + i + "]";
            if (!node.isObject()) {
                found.add(ViolationCode.WRONG_TYPE.at(path));
                continue;
            }
            String inn = string(node, "inn", path, found);
            String snoName = string(node, "sno", path, found);
            TaxSystem sno = null;
            if (snoName != null) {
                sno = TaxSystem.fromAtolName(snoName).orElse(null);
                if (sno == null) {
                    found.add(ViolationCode.UNKNOWN_VALUE.at(path + ".sno"));
                }
            }
            if (inn == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".inn"));
            } else {
                entities.put(inn, new PurchaseRequest.EntitySettings(sno, string(node, "email", path, found)));
            }
        }
        return entities;
    }

    private static String string(JsonNode parent, String name, String path, List<Violation> found) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            found.add(ViolationCode.WRONG_TYPE.at(path + "." + name));
            return null;
        }
        return node.stringValue();
    }

    private static void copy(JsonNode from, ObjectNode to, String name) {
        JsonNode node = from.get(name);
        if (node != null) {
            to.set(name, node);
        }
    }
}
