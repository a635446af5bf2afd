package ru.openkassa.core.atol;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.AgentInfo;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.MoneyTransferOperator;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.SupplierInfo;
import ru.openkassa.core.receipt.VatAmount;

/**
 * Writes a receipt of the model as an ATOL Online v5 request body, the inverse of
 * {@link AtolRequestReader} for receipts (not corrections): what the server builds for a receipt
 * it makes itself (one legal entity's share of a multi-fiscal purchase), so that the register
 * side reads it exactly as it reads a store's request. Absent (null) fields are left out.
 */
public final class AtolReceiptWriter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param callbackUrl {@code service.callback_url}; null for none
     * @throws IllegalArgumentException for a correction: it has no place in this writer's callers
     */
    public String write(String externalId, LocalDateTime timestamp, String callbackUrl, FiscalDocument document) {
        if (document.isCorrection()) {
            throw new IllegalArgumentException("corrections are not written: " + document.operation());
        }
        ObjectNode root = NODES.objectNode();
        root.put("external_id", externalId);
        root.put("timestamp", TIMESTAMP.format(timestamp));
        if (callbackUrl != null) {
            root.putObject("service").put("callback_url", callbackUrl);
        }
        ObjectNode receipt = root.putObject("receipt");
        if (document.client() != null) {
            receipt.set("client", client(document.client()));
        }
        receipt.set("company", company(document.company()));
        if (document.agentInfo() != null) {
            receipt.set("agent_info", agentInfo(document.agentInfo()));
        }
        if (document.supplierInfo() != null) {
            receipt.set("supplier_info", supplierInfo(document.supplierInfo()));
        }
        ArrayNode items = receipt.putArray("items");
        document.items().forEach(item -> items.add(item(item)));
        ArrayNode payments = receipt.putArray("payments");
        for (Payment payment : document.payments()) {
            payments.addObject().put("type", payment.type().atolCode()).put("sum", payment.sum().toBigDecimal());
        }
        if (!document.vats().isEmpty()) {
            ArrayNode vats = receipt.putArray("vats");
            for (VatAmount vat : document.vats()) {
                ObjectNode node = vats.addObject().put("type", vat.type().atolName());
                putMoney(node, "sum", vat.sum());
            }
        }
        putMoney(receipt, "total", document.total());
        putText(receipt, "cashier", document.cashier());
        putText(receipt, "cashier_inn", document.cashierInn());
        putText(receipt, "additional_check_props", document.additionalCheckProps());
        if (document.additionalUserProps() != null) {
            ObjectNode props = receipt.putObject("additional_user_props");
            putText(props, "name", document.additionalUserProps().name());
            putText(props, "value", document.additionalUserProps().value());
        }
        putText(receipt, "device_number", document.deviceNumber());
        if (document.internet() != null) {
            receipt.put("internet", document.internet());
        }
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode client(Client client) {
        ObjectNode node = NODES.objectNode();
        putText(node, "email", client.email());
        putText(node, "phone", client.phone());
        putText(node, "name", client.name());
        putText(node, "inn", client.inn());
        return node;
    }

    private static ObjectNode company(Company company) {
        ObjectNode node = NODES.objectNode();
        putText(node, "email", company.email());
        if (company.sno() != null) {
            node.put("sno", company.sno().atolName());
        }
        putText(node, "inn", company.inn());
        putText(node, "payment_address", company.paymentAddress());
        putText(node, "location", company.location());
        return node;
    }

    private static ObjectNode item(Item item) {
        ObjectNode node = NODES.objectNode();
        putText(node, "name", item.name());
        putMoney(node, "price", item.price());
        if (item.quantity() != null) {
            node.put("quantity", item.quantity().toBigDecimal());
        }
        if (item.measure() != null) {
            node.put("measure", item.measure().code());
        }
        putMoney(node, "sum", item.sum());
        if (item.paymentMethod() != null) {
            node.put("payment_method", item.paymentMethod().atolName());
        }
        if (item.paymentObject() != null) {
            node.put("payment_object", item.paymentObject().code());
        }
        if (item.vat() != null) {
            ObjectNode vat = node.putObject("vat").put("type", item.vat().atolName());
            putMoney(vat, "sum", item.vatSum());
        }
        if (item.agentInfo() != null) {
            node.set("agent_info", agentInfo(item.agentInfo()));
        }
        if (item.supplierInfo() != null) {
            node.set("supplier_info", supplierInfo(item.supplierInfo()));
        }
        putText(node, "user_data", item.userData());
        putMoney(node, "excise", item.excise());
        putText(node, "country_code", item.countryCode());
        putText(node, "declaration_number", item.declarationNumber());
        if (item.markCode() != null) {
            node.putObject("mark_code").put(item.markCode().type().atolName(), item.markCode().value());
        }
        if (item.markQuantity() != null) {
            ObjectNode quantity = node.putObject("mark_quantity");
            if (item.markQuantity().numerator() != null) {
                quantity.put("numerator", item.markQuantity().numerator());
            }
            if (item.markQuantity().denominator() != null) {
                quantity.put("denominator", item.markQuantity().denominator());
            }
        }
        return node;
    }

    private static ObjectNode agentInfo(AgentInfo info) {
        ObjectNode node = NODES.objectNode();
        if (info.type() != null) {
            node.put("type", info.type().atolName());
        }
        if (info.payingAgent() != null) {
            ObjectNode paying = node.putObject("paying_agent");
            putText(paying, "operation", info.payingAgent().operation());
            putPhones(paying, info.payingAgent().phones());
        }
        if (!info.receivePaymentsOperatorPhones().isEmpty()) {
            putPhones(node.putObject("receive_payments_operator"), info.receivePaymentsOperatorPhones());
        }
        MoneyTransferOperator transfer = info.moneyTransferOperator();
        if (transfer != null) {
            ObjectNode operator = node.putObject("money_transfer_operator");
            putPhones(operator, transfer.phones());
            putText(operator, "name", transfer.name());
            putText(operator, "address", transfer.address());
            putText(operator, "inn", transfer.inn());
        }
        return node;
    }

    private static ObjectNode supplierInfo(SupplierInfo info) {
        ObjectNode node = NODES.objectNode();
        putPhones(node, info.phones());
        putText(node, "name", info.name());
        putText(node, "inn", info.inn());
        return node;
    }

    private static void putPhones(ObjectNode node, List<String> phones) {
        if (!phones.isEmpty()) {
            ArrayNode array = node.putArray("phones");
            phones.forEach(array::add);
        }
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putMoney(ObjectNode node, String name, Money value) {
        if (value != null) {
            node.put(name, value.toBigDecimal());
        }
    }
}
