package ru.openkassa.core.validation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.receipt.AdditionalUserProps;
import ru.openkassa.core.receipt.AgentInfo;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.CorrectionInfo;
import ru.openkassa.core.receipt.CorrectionType;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.MarkQuantity;
import ru.openkassa.core.receipt.MoneyTransferOperator;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.SupplierInfo;
import ru.openkassa.core.receipt.VatAmount;
import ru.openkassa.core.receipt.VatRate;

/**
 * The rules a document must satisfy before it is queued for a register, checked on the model
 * so that every API (ATOL-compatible or native) refuses the same things. Finds every problem
 * at once; a null field is "absent". Field paths use the JSON names of the ATOL request, the
 * document root being {@code receipt} or, for corrections, {@code correction}.
 *
 * <p>Limits are ATOL Online's (protocol v4 doc 4.6/5.15 and its JSON schema); tolerances:
 * an item's sum and VAT may be off by one kopeck (the register rounds per item), the total
 * may differ from the items by up to 0.99 (ATOL lets the store round the total), payments
 * must match the total to the kopeck except for cash overpayment (change).
 */
public final class ReceiptValidator {

    public static final int MAX_EXTERNAL_ID = 128;
    public static final int MAX_CALLBACK_URL = 256;
    public static final int MAX_ITEMS = 100;
    public static final int MAX_PAYMENTS = 10;
    public static final int MAX_VATS = 6;
    public static final int MAX_ITEM_NAME = 128;
    public static final int MAX_CASHIER = 64;
    public static final int MAX_EMAIL = 64;
    public static final int MAX_PHONE = 64;
    public static final int MAX_ADDRESS = 256;
    public static final int MAX_CLIENT_NAME = 256;
    public static final int MAX_ADDITIONAL_CHECK_PROPS = 16;
    public static final int MAX_USER_DATA = 64;
    public static final int MAX_MEASUREMENT_UNIT = 16;
    public static final int MAX_DEVICE_NUMBER = 20;
    public static final int MAX_DECLARATION_NUMBER = 32;
    public static final int MAX_CORRECTION_BASE_NUMBER = 32;
    public static final int MAX_PAYING_AGENT_OPERATION = 24;
    public static final int MAX_USER_PROP_NAME = 64;
    public static final int MAX_USER_PROP_VALUE = 256;
    public static final int MAX_OPERATOR_NAME = 64;

    /** ATOL's rounding allowance between {@code total} and Σ {@code items[].sum}. */
    public static final Money TOTAL_TOLERANCE = Money.ofKopecks(99);

    private static final Money KOPECK = Money.ofKopecks(1);
    /** Buyer phone: country code and number, digits only, "+" allowed (ATOL: "+7" may be omitted). */
    private static final Pattern CLIENT_PHONE = Pattern.compile("^\\+?[0-9]{1,63}$");
    /** Agent and supplier phones: the {@code phone_number} pattern of ATOL's v4 JSON schema. */
    private static final Pattern AGENT_PHONE = Pattern.compile("^([^\\s\\\\]{0,17}|\\+[^\\s\\\\]{1,18})$");
    private static final Pattern COUNTRY_CODE = Pattern.compile("^[0-9]{1,3}$");

    public List<Violation> validate(ReceiptRequest request) {
        Run run = new Run(request);
        run.request();
        return List.copyOf(run.found);
    }

    private static final class Run {
        private final ReceiptRequest request;
        private final List<Violation> found = new ArrayList<>();
        private FiscalDocument document;
        private String root;
        private boolean itemless;

        Run(ReceiptRequest request) {
            this.request = request;
        }

        void request() {
            if (isBlank(request.externalId())) {
                found.add(ViolationCode.REQUIRED.at("external_id"));
            } else {
                text("external_id", request.externalId(), MAX_EXTERNAL_ID);
            }
            if (request.timestamp() == null) {
                found.add(ViolationCode.REQUIRED.at("timestamp"));
            }
            text("service.callback_url", request.callbackUrl(), MAX_CALLBACK_URL);
            document = request.document();
            if (document == null) {
                found.add(ViolationCode.REQUIRED.at("receipt"));
                return;
            }
            root = document.isCorrection() ? "correction" : "receipt";
            // FFD 1.05 correction receipts (ATOL v4) carry sums by payment and VAT only.
            itemless = document.isCorrection() && request.version() == AtolVersion.V4;
            document();
        }

        private void document() {
            company(root + ".company", document.company());
            client(root + ".client", document.client());
            agentAndSupplier(root, document.agentInfo(), document.supplierInfo());
            if (!itemless) {
                count(root + ".items", document.items().size(), MAX_ITEMS);
                for (int i = 0; i < document.items().size(); i++) {
                    item(root + ".items[" + i + "]", document.items().get(i));
                }
            }
            count(root + ".payments", document.payments().size(), MAX_PAYMENTS);
            for (int i = 0; i < document.payments().size(); i++) {
                payment(root + ".payments[" + i + "]", document.payments().get(i));
            }
            if (itemless || !document.vats().isEmpty()) {
                count(root + ".vats", document.vats().size(), MAX_VATS);
            }
            for (int i = 0; i < document.vats().size(); i++) {
                vat(root + ".vats[" + i + "]", document.vats().get(i));
            }
            if (!itemless) {
                required(root + ".total", document.total());
                amount(root + ".total", document.total());
            }
            text(root + ".cashier", document.cashier(), MAX_CASHIER);
            inn(root + ".cashier_inn", document.cashierInn());
            text(root + ".additional_check_props", document.additionalCheckProps(), MAX_ADDITIONAL_CHECK_PROPS);
            userProps(root + ".additional_user_props", document.additionalUserProps());
            text(root + ".device_number", document.deviceNumber(), MAX_DEVICE_NUMBER);
            if (document.isCorrection()) {
                correctionInfo(root + ".correction_info", document.correctionInfo());
            }
            if (!itemless) {
                totalMatchesItems();
                receiptVatsMatchItems();
            }
            paymentsCoverTotal();
        }

        private void company(String path, Company company) {
            if (company == null) {
                found.add(ViolationCode.REQUIRED.at(path));
                return;
            }
            // v4 corrections have no company.email in ATOL's schema.
            if (!itemless && isBlank(company.email())) {
                found.add(ViolationCode.REQUIRED.at(path + ".email"));
            }
            email(path + ".email", company.email());
            if (isBlank(company.inn())) {
                found.add(ViolationCode.REQUIRED.at(path + ".inn"));
            } else {
                inn(path + ".inn", company.inn());
            }
            if (isBlank(company.paymentAddress())) {
                found.add(ViolationCode.REQUIRED.at(path + ".payment_address"));
            } else {
                text(path + ".payment_address", company.paymentAddress(), MAX_ADDRESS);
            }
            text(path + ".location", company.location(), MAX_ADDRESS);
        }

        private void client(String path, Client client) {
            if (!document.isCorrection()) {
                // 54-FZ art. 1.2 p. 5: an online receipt is sent to the buyer's e-mail or phone.
                if (client == null) {
                    found.add(ViolationCode.REQUIRED.at(path));
                } else if (!client.hasContact()) {
                    found.add(ViolationCode.CLIENT_CONTACT_REQUIRED.at(path));
                }
            } else if (Boolean.TRUE.equals(document.internet()) && (client == null || !client.hasContact())) {
                found.add(ViolationCode.CLIENT_CONTACT_REQUIRED.at(path));
            }
            if (client == null) {
                return;
            }
            email(path + ".email", client.email());
            if (client.phone() != null && !client.phone().isEmpty()) {
                text(path + ".phone", client.phone(), MAX_PHONE);
                if (client.phone().length() <= MAX_PHONE && !CLIENT_PHONE.matcher(client.phone()).matches()) {
                    found.add(ViolationCode.BAD_FORMAT.at(path + ".phone", Phrase.of(
                            "телефон с кодом страны, только цифры и «+»",
                            "phone with country code, digits and \"+\" only")));
                }
            }
            text(path + ".name", client.name(), MAX_CLIENT_NAME);
            inn(path + ".inn", client.inn());
        }

        private void agentAndSupplier(String path, AgentInfo agent, SupplierInfo supplier) {
            if (agent != null) {
                agent(path + ".agent_info", agent);
                // ATOL: supplier_info is required whenever agent_info is given (tag 1224 with 1222).
                if (supplier == null) {
                    found.add(ViolationCode.REQUIRED.at(path + ".supplier_info"));
                }
            }
            if (supplier != null) {
                phones(path + ".supplier_info.phones", supplier.phones());
                text(path + ".supplier_info.name", supplier.name(), MAX_CLIENT_NAME);
                inn(path + ".supplier_info.inn", supplier.inn());
            }
        }

        private void agent(String path, AgentInfo agent) {
            required(path + ".type", agent.type());
            if (agent.payingAgent() != null) {
                text(path + ".paying_agent.operation", agent.payingAgent().operation(), MAX_PAYING_AGENT_OPERATION);
                phones(path + ".paying_agent.phones", agent.payingAgent().phones());
            }
            phones(path + ".receive_payments_operator.phones", agent.receivePaymentsOperatorPhones());
            MoneyTransferOperator operator = agent.moneyTransferOperator();
            if (operator != null) {
                String at = path + ".money_transfer_operator";
                phones(at + ".phones", operator.phones());
                text(at + ".name", operator.name(), MAX_OPERATOR_NAME);
                text(at + ".address", operator.address(), MAX_ADDRESS);
                inn(at + ".inn", operator.inn());
            }
        }

        private void item(String path, Item item) {
            if (isBlank(item.name())) {
                found.add(ViolationCode.REQUIRED.at(path + ".name"));
            } else {
                text(path + ".name", item.name(), MAX_ITEM_NAME);
            }
            required(path + ".price", item.price());
            if (item.price() != null && item.price().isNegative()) {
                found.add(ViolationCode.NOT_POSITIVE.at(path + ".price",
                        Phrase.of("цена не может быть отрицательной", "a price cannot be negative")));
            } else {
                amount(path + ".price", item.price());
            }
            required(path + ".quantity", item.quantity());
            if (item.quantity() != null && item.quantity().isZero()) {
                found.add(ViolationCode.NOT_POSITIVE.at(path + ".quantity"));
            }
            required(path + ".sum", item.sum());
            amount(path + ".sum", item.sum());
            if (request.version() == AtolVersion.V5) {
                // FFD 1.2 makes 2108, 1214 and 1212 mandatory in every item.
                required(path + ".measure", item.measure());
                required(path + ".payment_method", item.paymentMethod());
                required(path + ".payment_object", item.paymentObject());
            }
            text(path + ".measurement_unit", item.measurementUnit(), MAX_MEASUREMENT_UNIT);
            required(path + ".vat.type", item.vat());
            amount(path + ".vat.sum", item.vatSum());
            if (item.vat() != null && isRetired(item.vat())) {
                found.add(retired(path + ".vat.type", item.vat()));
            }
            if (usable(item.price()) && item.quantity() != null && !item.quantity().isZero() && usable(item.sum())) {
                Money expected = item.price().times(item.quantity());
                if (item.sum().minus(expected).abs().isGreaterThan(KOPECK)) {
                    found.add(ViolationCode.SUM_MISMATCH.at(path + ".sum", Phrase.of(
                            item.price() + " × " + item.quantity() + " = " + expected,
                            item.price() + " x " + item.quantity() + " = " + expected)));
                }
            }
            if (item.vat() != null && usable(item.vatSum()) && usable(item.sum())) {
                Money expected = item.vat().vatOf(item.sum());
                if (item.vatSum().minus(expected).abs().isGreaterThan(KOPECK)) {
                    found.add(ViolationCode.VAT_MISMATCH.at(path + ".vat.sum", Phrase.of(
                            "ожидается " + expected + " (" + item.vat().atolName() + " от " + item.sum() + ")",
                            "expected " + expected + " (" + item.vat().atolName() + " of " + item.sum() + ")")));
                }
            }
            agentAndSupplier(path, item.agentInfo(), item.supplierInfo());
            text(path + ".user_data", item.userData(), MAX_USER_DATA);
            amount(path + ".excise", item.excise());
            if (item.countryCode() != null && !COUNTRY_CODE.matcher(item.countryCode()).matches()) {
                found.add(ViolationCode.BAD_FORMAT.at(path + ".country_code",
                        Phrase.of("цифровой код страны по ОКСМ, до 3 цифр", "numeric OKSM country code, up to 3 digits")));
            }
            text(path + ".declaration_number", item.declarationNumber(), MAX_DECLARATION_NUMBER);
            if (item.markCode() != null && isBlank(item.markCode().value())) {
                found.add(ViolationCode.REQUIRED.at(path + ".mark_code." + item.markCode().type().atolName()));
            }
            markQuantity(path + ".mark_quantity", item.markQuantity());
        }

        private void markQuantity(String path, MarkQuantity quantity) {
            if (quantity == null) {
                return;
            }
            positive(path + ".numerator", quantity.numerator());
            positive(path + ".denominator", quantity.denominator());
        }

        private void positive(String path, Long value) {
            if (value == null) {
                found.add(ViolationCode.REQUIRED.at(path));
            } else if (value <= 0) {
                found.add(ViolationCode.NOT_POSITIVE.at(path));
            }
        }

        private void payment(String path, Payment payment) {
            required(path + ".type", payment.type());
            required(path + ".sum", payment.sum());
            amount(path + ".sum", payment.sum());
        }

        private void vat(String path, VatAmount vat) {
            required(path + ".type", vat.type());
            required(path + ".sum", vat.sum());
            amount(path + ".sum", vat.sum());
            if (vat.type() != null && isRetired(vat.type())) {
                found.add(retired(path + ".type", vat.type()));
            }
        }

        private void userProps(String path, AdditionalUserProps props) {
            if (props == null) {
                return;
            }
            if (isBlank(props.name())) {
                found.add(ViolationCode.REQUIRED.at(path + ".name"));
            }
            text(path + ".name", props.name(), MAX_USER_PROP_NAME);
            if (props.value() == null) {
                found.add(ViolationCode.REQUIRED.at(path + ".value"));
            }
            text(path + ".value", props.value(), MAX_USER_PROP_VALUE);
        }

        private void correctionInfo(String path, CorrectionInfo info) {
            if (info == null) {
                found.add(ViolationCode.CORRECTION_INFO_REQUIRED.at(path));
                return;
            }
            required(path + ".type", info.type());
            required(path + ".base_date", info.baseDate());
            // ATOL v4 requires the number always; FFD 1.2 only for a correction by order.
            boolean numberRequired = request.version() == AtolVersion.V4 || info.type() == CorrectionType.INSTRUCTION;
            if (numberRequired && isBlank(info.baseNumber())) {
                found.add(ViolationCode.REQUIRED.at(path + ".base_number"));
            }
            text(path + ".base_number", info.baseNumber(), MAX_CORRECTION_BASE_NUMBER);
            text(path + ".base_name", info.baseName(), MAX_ADDRESS);
        }

        private void totalMatchesItems() {
            if (!usable(document.total()) || document.items().isEmpty()
                    || document.items().stream().anyMatch(item -> !usable(item.sum()))) {
                return;
            }
            Money items = Money.sum(document.items().stream().map(Item::sum).toList());
            if (document.total().minus(items).abs().isGreaterThan(TOTAL_TOLERANCE)) {
                found.add(ViolationCode.TOTAL_MISMATCH.at(root + ".total", Phrase.of(
                        "итог " + document.total() + ", сумма позиций " + items + ", допустимо расхождение до 0.99",
                        "total " + document.total() + ", items " + items + ", allowed difference up to 0.99")));
            }
        }

        /**
         * The VAT of a rate on the receipt is the rate applied to the items of that rate;
         * one kopeck of rounding per item is allowed. {@code none} and {@code vat0} are skipped.
         */
        private void receiptVatsMatchItems() {
            if (document.items().isEmpty()
                    || document.items().stream().anyMatch(item -> item.vat() == null || !usable(item.sum()))) {
                return;
            }
            for (int i = 0; i < document.vats().size(); i++) {
                VatAmount vat = document.vats().get(i);
                if (vat.type() == null || !usable(vat.sum()) || vat.type().percent() == 0) {
                    continue;
                }
                List<Money> sums = document.items().stream()
                        .filter(item -> item.vat() == vat.type())
                        .map(Item::sum)
                        .toList();
                Money expected = vat.type().vatOf(Money.sum(sums));
                Money tolerance = Money.ofKopecks(sums.size());
                if (vat.sum().minus(expected).abs().isGreaterThan(tolerance)) {
                    found.add(ViolationCode.VAT_MISMATCH.at(root + ".vats[" + i + "].sum", Phrase.of(
                            "ожидается " + expected + " (" + vat.type().atolName() + " от позиций на " + Money.sum(sums) + ")",
                            "expected " + expected + " (" + vat.type().atolName() + " of items worth " + Money.sum(sums) + ")")));
                }
            }
        }

        /**
         * Paid must equal the total, except that cash may exceed it (the change is given from
         * cash); non-cash payments alone may never exceed the total.
         */
        private void paymentsCoverTotal() {
            if (itemless || !usable(document.total()) || document.payments().isEmpty()
                    || document.payments().stream().anyMatch(p -> p.type() == null || !usable(p.sum()))) {
                return;
            }
            Money paid = Money.sum(document.payments().stream().map(Payment::sum).toList());
            Money nonCash = Money.sum(document.payments().stream()
                    .filter(p -> !p.type().isCash()).map(Payment::sum).toList());
            Money total = document.total();
            if (nonCash.isGreaterThan(total)) {
                found.add(ViolationCode.PAYMENTS_MISMATCH.at(root + ".payments", Phrase.of(
                        "безналичные оплаты " + nonCash + " больше итога " + total + "; сдача возможна только с наличных",
                        "non-cash payments " + nonCash + " exceed the total " + total + "; change is given only from cash")));
            } else if (total.isGreaterThan(paid)) {
                found.add(ViolationCode.PAYMENTS_MISMATCH.at(root + ".payments", Phrase.of(
                        "оплачено " + paid + " при итоге " + total,
                        "paid " + paid + " against a total of " + total)));
            }
        }

        /**
         * Receipts are fiscalized now, so 18% (abolished 2019) is always refused, 20% for
         * receipts dated from 01.01.2026 on. A correction fixes a past settlement: its rate is
         * the one in force on {@code base_date}.
         */
        private boolean isRetired(VatRate rate) {
            if (rate.retiredFrom().isEmpty()) {
                return false;
            }
            CorrectionInfo info = document.correctionInfo();
            if (document.isCorrection() && info != null && info.baseDate() != null) {
                return rate.isRetiredOn(info.baseDate());
            }
            if (rate == VatRate.VAT18 || rate == VatRate.VAT118) {
                return true;
            }
            return request.timestamp() != null && rate.isRetiredOn(request.timestamp().toLocalDate());
        }

        private static Violation retired(String path, VatRate rate) {
            LocalDate from = rate.retiredFrom().orElseThrow();
            String replacement = rate.isCalculated() ? (rate.percent() == 18 ? "vat120" : "vat122")
                    : (rate.percent() == 18 ? "vat20" : "vat22");
            return ViolationCode.VAT_RATE_RETIRED.at(path, Phrase.of(
                    rate.atolName() + " не применяется с " + from.getDayOfMonth() + "." + twoDigits(from.getMonthValue())
                            + "." + from.getYear() + ", используйте " + replacement,
                    rate.atolName() + " is not in force since " + from + ", use " + replacement));
        }

        private static String twoDigits(int value) {
            return value < 10 ? "0" + value : Integer.toString(value);
        }

        private void count(String path, int size, int max) {
            if (size == 0) {
                found.add(ViolationCode.TOO_FEW.at(path, Phrase.of("нужен хотя бы один", "at least one is needed")));
            } else if (size > max) {
                found.add(ViolationCode.TOO_MANY.at(path, Phrase.of("не больше " + max, "at most " + max)));
            }
        }

        /** Arithmetic rules run only on amounts that passed their own checks: one fault, one violation. */
        private static boolean usable(Money amount) {
            return amount != null && !amount.isNegative() && !amount.isGreaterThan(Money.MAX_FISCAL);
        }

        private void required(String path, Object value) {
            if (value == null) {
                found.add(ViolationCode.REQUIRED.at(path));
            }
        }

        private void amount(String path, Money amount) {
            if (amount != null && (amount.isNegative() || amount.isGreaterThan(Money.MAX_FISCAL))) {
                found.add(ViolationCode.OUT_OF_RANGE.at(path,
                        Phrase.of("от 0 до " + Money.MAX_FISCAL, "0 to " + Money.MAX_FISCAL)));
            }
        }

        private void text(String path, String value, int max) {
            // a string of at most max chars has at most max code points: count only longer ones
            if (value != null && value.length() > max && value.codePointCount(0, value.length()) > max) {
                found.add(ViolationCode.TOO_LONG.at(path,
                        Phrase.of("не больше " + max + " символов", "at most " + max + " characters")));
            }
        }

        private void email(String path, String value) {
            if (isBlank(value)) {
                return;
            }
            text(path, value, MAX_EMAIL);
            if (value.length() <= MAX_EMAIL && !isEmail(value)) {
                found.add(ViolationCode.BAD_FORMAT.at(path,
                        Phrase.of("ожидается адрес электронной почты", "an e-mail address expected")));
            }
        }

        private void phones(String path, List<String> phones) {
            for (int i = 0; i < phones.size(); i++) {
                if (!AGENT_PHONE.matcher(phones.get(i)).matches()) {
                    found.add(ViolationCode.BAD_FORMAT.at(path + "[" + i + "]", Phrase.of(
                            "телефон без пробелов, до 17 символов или «+» и до 18",
                            "phone without spaces, up to 17 characters or \"+\" and up to 18")));
                }
            }
        }

        private void inn(String path, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            Phrase problem = switch (InnCheck.of(value)) {
                case VALID -> null;
                case WRONG_LENGTH -> Phrase.of("нужно 10 или 12 цифр", "10 or 12 digits expected");
                case NOT_DIGITS -> Phrase.of("только цифры", "digits only");
                case WRONG_CHECKSUM -> Phrase.of("не сходится контрольное число", "check digit does not match");
            };
            if (problem != null) {
                found.add(ViolationCode.BAD_INN.at(path, problem));
            }
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }

    /**
     * Whether the value matches {@code [^@\s]+@[^@\s]+\.[^@\s]+} (one {@code @}, no whitespace, a
     * dot inside the domain), tested without the regex engine: most receipts carry two addresses.
     */
    static boolean isEmail(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || value.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // \s of java.util.regex: space and \t \n \x0B \f \r (9 to 13)
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        int dot = value.indexOf('.', at + 2);
        return dot > 0 && dot < value.length() - 1;
    }
}
