package ru.openkassa.core.atol;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import ru.openkassa.core.atol.JsonFields.At;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.AdditionalUserProps;
import ru.openkassa.core.receipt.AgentInfo;
import ru.openkassa.core.receipt.AgentType;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.CorrectionInfo;
import ru.openkassa.core.receipt.CorrectionType;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.MarkCode;
import ru.openkassa.core.receipt.MarkCodeType;
import ru.openkassa.core.receipt.MarkQuantity;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.MoneyTransferOperator;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.PayingAgent;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.SupplierInfo;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.receipt.VatAmount;
import ru.openkassa.core.receipt.VatRate;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.ReceiptValidator;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;
import tools.jackson.core.JacksonException;

/**
 * Reads the body of an ATOL Online v4/v5 registration request ({@code /possystem/{v}/{group}/
 * {operation}}) into the model and checks it, reporting every problem at once.
 *
 * <p>Follows ATOL's JSON: unknown fields are ignored (CMS modules send many optional ones),
 * a known field of the wrong JSON type is {@code wrong_type} (numbers in strings included),
 * an invalid {@code callback_url} is a warning, not a refusal. Thread-safe.
 */
public final class AtolRequestReader {

    /**
     * ATOL's callback mask (protocol doc §4): http(s), a host of letters and digits (Cyrillic
     * allowed), an optional port and path. Its literal {@code (:(0-9)*)*} is read as a port.
     */
    private static final Pattern CALLBACK_URL = Pattern.compile(
            "^https?://[0-9a-zA-Zа-яА-ЯёЁ]([-.\\w]*[0-9a-zA-Zа-яА-ЯёЁ])*(:[0-9]+)?/?"
                    + "[a-zA-Z0-9а-яА-ЯёЁ\\-.?,'/\\\\+&=%$#_:~;@!*()\\[\\]]*$");
    private static final int KNOWN_CALLBACK_URLS = 1024;

    private final ReceiptValidator validator = new ReceiptValidator();
    /**
     * Callback URLs that matched the mask. A store sends the same one or two with every receipt, and
     * matching the mask (its Cyrillic character classes) was about 2 % of the intake's CPU
     * (bench/intake.sh); a full set is dropped and refilled.
     */
    private final Set<String> matchingCallbackUrls = ConcurrentHashMap.newKeySet();

    /**
     * @throws IllegalArgumentException when the operation does not exist in that version
     *                                  (the HTTP layer answers ATOL error 31 before calling)
     */
    public ReadResult read(byte[] body, AtolVersion version, Operation operation) {
        if (!operation.availableIn(version)) {
            throw new IllegalArgumentException(operation.atolName() + " is not an operation of ATOL " + version.path());
        }
        Object tree;
        try {
            tree = JsonTree.read(body);
        } catch (JacksonException e) {
            return new ReadResult.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (tree == JsonTree.Absent.EMPTY) {
            return new ReadResult.Malformed("empty body");
        }
        if (!(tree instanceof JsonTree.Obj root)) {
            return new ReadResult.Malformed("the JSON root is not an object");
        }
        JsonFields fields = new JsonFields();
        ReceiptRequest request = new Reading(fields, version, operation, this::matchesCallbackMask).request(At.root(root));
        List<Violation> violations = new ArrayList<>(fields.violations());
        for (Violation rule : validator.validate(request)) {
            // A field the reader could not read is null in the model; say it once, as the reader did.
            if (fields.violations().stream().noneMatch(seen -> rule.isWithin(seen.field()))) {
                violations.add(rule);
            }
        }
        return violations.isEmpty() ? new ReadResult.Accepted(request) : new ReadResult.Invalid(violations);
    }

    private boolean matchesCallbackMask(String url) {
        if (matchingCallbackUrls.contains(url)) {
            return true;
        }
        if (!CALLBACK_URL.matcher(url).matches()) {
            return false;
        }
        if (matchingCallbackUrls.size() >= KNOWN_CALLBACK_URLS) {
            matchingCallbackUrls.clear();
        }
        matchingCallbackUrls.add(url);
        return true;
    }

    /** One request being read: the version and operation decide the shape. */
    private static final class Reading {
        private final JsonFields fields;
        private final AtolVersion version;
        private final Operation operation;
        /** FFD 1.05 correction (ATOL v4): company, correction_info, payments, vats, cashier; no items. */
        private final boolean itemless;
        private final List<Violation> warnings = new ArrayList<>();
        private final Predicate<String> callbackMask;

        Reading(JsonFields fields, AtolVersion version, Operation operation, Predicate<String> callbackMask) {
            this.callbackMask = callbackMask;
            this.fields = fields;
            this.version = version;
            this.operation = operation;
            this.itemless = operation.isCorrection() && version == AtolVersion.V4;
        }

        ReceiptRequest request(At root) {
            String externalId = fields.string(root, "external_id");
            LocalDateTime timestamp = fields.timestamp(root, "timestamp");
            String callbackUrl = callbackUrl(root);
            String documentName = operation.isCorrection() ? "correction" : "receipt";
            At document = fields.object(root, documentName);
            if (document == null) {
                fields.add(ViolationCode.REQUIRED.at(documentName));
                document = root.member(documentName, null);
            }
            return new ReceiptRequest(externalId, timestamp, callbackUrl, version, document(document), warnings);
        }

        private String callbackUrl(At root) {
            At service = fields.object(root, "service");
            if (service == null) {
                return null;
            }
            String url = fields.string(service, "callback_url");
            if (url == null || url.isEmpty()) {
                return null;
            }
            if (url.length() > ReceiptValidator.MAX_CALLBACK_URL) {
                return url; // too_long: refused by the validator, as ATOL's schema does
            }
            if (!callbackMask.test(url)) {
                // ATOL accepts the receipt and reports warnings.callback_url; no callback is made.
                warnings.add(ViolationCode.BAD_FORMAT.at("service.callback_url",
                        Phrase.of("callback_url не соответствует маске", "callback_url does not match the mask")));
                return null;
            }
            return url;
        }

        private FiscalDocument document(At at) {
            Company company = company(at);
            Client client = itemless ? null : client(at);
            AgentInfo agentInfo = itemless ? null : agentInfo(at);
            SupplierInfo supplierInfo = itemless ? null : supplierInfo(at);
            List<Item> items = itemless ? List.of() : items(at);
            List<Payment> payments = payments(at);
            List<VatAmount> vats = vats(at);
            Money total = itemless ? paymentsTotal(payments) : fields.money(at, "total");
            CorrectionInfo correctionInfo = operation.isCorrection() ? correctionInfo(at) : null;
            return new FiscalDocument(
                    operation, company, client, agentInfo, supplierInfo, items, payments, vats, total,
                    fields.string(at, "cashier"),
                    fields.string(at, "cashier_inn"),
                    correctionInfo,
                    fields.string(at, "additional_check_props"),
                    additionalUserProps(at),
                    fields.string(at, "device_number"),
                    fields.bool(at, "internet"));
        }

        /** FFD 1.05 corrections have no ATOL total; tag 1020 is the sum of the payments. */
        private static Money paymentsTotal(List<Payment> payments) {
            if (payments.isEmpty() || payments.stream().anyMatch(p -> p.sum() == null)) {
                return null;
            }
            return Money.sum(payments.stream().map(Payment::sum).toList());
        }

        private Company company(At parent) {
            At at = fields.object(parent, "company");
            if (at == null) {
                return null;
            }
            return new Company(
                    fields.string(at, "email"),
                    fields.named(at, "sno", TaxSystem::fromAtolName),
                    fields.string(at, "inn"),
                    fields.string(at, "payment_address"),
                    fields.string(at, "location"));
        }

        private Client client(At parent) {
            At at = fields.object(parent, "client");
            if (at == null) {
                return null;
            }
            return new Client(
                    fields.string(at, "email"),
                    fields.string(at, "phone"),
                    fields.string(at, "name"),
                    fields.string(at, "inn"));
        }

        private List<Item> items(At parent) {
            List<At> elements = fields.objects(parent, "items");
            if (elements == null) {
                if (parent.lacks("items")) {
                    fields.add(ViolationCode.REQUIRED.at(parent.pathOf("items")));
                }
                return List.of();
            }
            return elements.stream().map(this::item).toList();
        }

        private Item item(At at) {
            String name = fields.string(at, "name");
            var price = fields.money(at, "price");
            var quantity = fields.quantity(at, "quantity");
            Measure measure = version == AtolVersion.V5 ? fields.coded(at, "measure", Measure::fromCode) : null;
            String measurementUnit = version == AtolVersion.V4 ? fields.string(at, "measurement_unit") : null;
            Money sum = fields.money(at, "sum");
            PaymentMethod paymentMethod = fields.named(at, "payment_method", PaymentMethod::fromAtolName);
            PaymentObject paymentObject = version == AtolVersion.V5
                    ? fields.coded(at, "payment_object", PaymentObject::fromCode)
                    : fields.named(at, "payment_object", PaymentObject::fromAtolV4Name);
            VatRate vat = null;
            Money vatSum = null;
            At vatAt = fields.object(at, "vat");
            if (vatAt == null) {
                if (at.lacks("vat")) {
                    fields.add(ViolationCode.REQUIRED.at(at.pathOf("vat")));
                }
            } else {
                vat = fields.named(vatAt, "type", VatRate::fromAtolName);
                vatSum = fields.money(vatAt, "sum");
            }
            AgentInfo agentInfo = agentInfo(at);
            SupplierInfo supplierInfo = supplierInfo(at);
            String userData = fields.string(at, "user_data");
            Money excise = fields.money(at, "excise");
            String countryCode = fields.string(at, "country_code");
            String declarationNumber = fields.string(at, "declaration_number");
            MarkCode markCode = version == AtolVersion.V5 ? markCode(at) : null;
            MarkQuantity markQuantity = version == AtolVersion.V5 ? markQuantity(at) : null;
            return new Item(name, price, quantity, measure, measurementUnit, sum, paymentMethod, paymentObject,
                    vat, vatSum, agentInfo, supplierInfo, userData, excise, countryCode, declarationNumber,
                    markCode, markQuantity);
        }

        /** ATOL v5 {@code mark_code}: an object with exactly one key naming the code's type. */
        private MarkCode markCode(At parent) {
            At at = fields.object(parent, "mark_code");
            if (at == null || at.node() == null) {
                return null;
            }
            List<MarkCodeType> given = new ArrayList<>();
            for (MarkCodeType type : MarkCodeType.values()) {
                if (at.has(type.atolName())) {
                    given.add(type);
                }
            }
            if (given.isEmpty()) {
                fields.add(ViolationCode.UNKNOWN_VALUE.at(at.path(), Phrase.of(
                        "нужен один из ключей unknown, ean8, ean13, itf14, gs10, gs1m, short, fur, egais20, egais30",
                        "one of the keys unknown, ean8, ean13, itf14, gs10, gs1m, short, fur, egais20, egais30 expected")));
                return null;
            }
            if (given.size() > 1) {
                fields.add(ViolationCode.TOO_MANY.at(at.path(),
                        Phrase.of("ровно один код маркировки", "exactly one marking code")));
                return null;
            }
            String value = fields.string(at, given.getFirst().atolName());
            return value == null ? null : new MarkCode(given.getFirst(), value);
        }

        private MarkQuantity markQuantity(At parent) {
            At at = fields.object(parent, "mark_quantity");
            if (at == null) {
                return null;
            }
            return new MarkQuantity(fields.whole(at, "numerator"), fields.whole(at, "denominator"));
        }

        private AgentInfo agentInfo(At parent) {
            At at = fields.object(parent, "agent_info");
            if (at == null) {
                return null;
            }
            AgentType type = fields.named(at, "type", AgentType::fromAtolName);
            PayingAgent payingAgent = null;
            At paying = fields.object(at, "paying_agent");
            if (paying != null) {
                payingAgent = new PayingAgent(fields.string(paying, "operation"), fields.strings(paying, "phones"));
            }
            List<String> receiveOperatorPhones = null;
            At receive = fields.object(at, "receive_payments_operator");
            if (receive != null) {
                receiveOperatorPhones = fields.strings(receive, "phones");
            }
            MoneyTransferOperator transferOperator = null;
            At transfer = fields.object(at, "money_transfer_operator");
            if (transfer != null) {
                transferOperator = new MoneyTransferOperator(
                        fields.strings(transfer, "phones"),
                        fields.string(transfer, "name"),
                        fields.string(transfer, "address"),
                        fields.string(transfer, "inn"));
            }
            return new AgentInfo(type, payingAgent, receiveOperatorPhones, transferOperator);
        }

        private SupplierInfo supplierInfo(At parent) {
            At at = fields.object(parent, "supplier_info");
            if (at == null) {
                return null;
            }
            return new SupplierInfo(fields.strings(at, "phones"), fields.string(at, "name"), fields.string(at, "inn"));
        }

        private List<Payment> payments(At parent) {
            List<At> elements = fields.objects(parent, "payments");
            if (elements == null) {
                if (parent.lacks("payments")) {
                    fields.add(ViolationCode.REQUIRED.at(parent.pathOf("payments")));
                }
                return List.of();
            }
            return elements.stream()
                    .map(at -> new Payment(
                            fields.coded(at, "type", PaymentType::fromAtolCode),
                            fields.money(at, "sum")))
                    .toList();
        }

        private List<VatAmount> vats(At parent) {
            List<At> elements = fields.objects(parent, "vats");
            if (elements == null) {
                if (itemless && parent.lacks("vats")) {
                    fields.add(ViolationCode.REQUIRED.at(parent.pathOf("vats")));
                }
                return List.of();
            }
            if (elements.isEmpty()) {
                // An empty list is not "no receipt-level VAT": ATOL's schema wants 1..6 when present.
                fields.add(ViolationCode.TOO_FEW.at(parent.pathOf("vats"),
                        Phrase.of("нужен хотя бы один", "at least one is needed")));
            }
            return elements.stream()
                    .map(at -> new VatAmount(
                            fields.named(at, "type", VatRate::fromAtolName),
                            fields.money(at, "sum")))
                    .toList();
        }

        private CorrectionInfo correctionInfo(At parent) {
            At at = fields.object(parent, "correction_info");
            if (at == null) {
                return null;
            }
            return new CorrectionInfo(
                    fields.named(at, "type", CorrectionType::fromAtolName),
                    fields.date(at, "base_date"),
                    fields.string(at, "base_number"),
                    version == AtolVersion.V4 ? fields.string(at, "base_name") : null);
        }

        private AdditionalUserProps additionalUserProps(At parent) {
            At at = fields.object(parent, "additional_user_props");
            if (at == null) {
                return null;
            }
            return new AdditionalUserProps(fields.string(at, "name"), fields.string(at, "value"));
        }
    }
}
