package ru.openkassa.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.CorrectionInfo;
import ru.openkassa.core.receipt.CorrectionType;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.receipt.VatAmount;
import ru.openkassa.core.receipt.VatRate;

/** The rules applied to a model built in code, as the native API will build it. */
class ReceiptValidatorTest {

    /** The pattern isEmail stands for; the check is hand-written because every receipt runs it. */
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    @Test
    void theEmailCheckAnswersAsItsPatternDoes() {
        List<String> samples = new java.util.ArrayList<>(List.of("buyer@example.ru", "a@b.c", "a@.b.c", "a@b.", "a@.b",
                "@b.c", "a@b", "a@@b.c", "a@b@c.d", "a b@c.d", "a@b.c ", "a\tb@c.d", "a@b\u000B.c", "почта@пример.рф",
                "a.b@c", "a.b@c.", "a@b..", "a@b..c", ".@..", "a@bc.", "x@y.z.", "a@b.c\n", "\u00a0a@b.c"));
        // and every string of up to four characters over the characters that matter
        char[] alphabet = {'a', '@', '.', ' ', '\r'};
        for (int length = 1; length <= 4; length++) {
            for (int n = 0; n < Math.pow(alphabet.length, length); n++) {
                StringBuilder sample = new StringBuilder();
                for (int k = 0, rest = n; k < length; k++, rest /= alphabet.length) {
                    sample.append(alphabet[rest % alphabet.length]);
                }
                samples.add(sample.toString());
            }
        }
        for (String sample : samples) {
            assertThat(ReceiptValidator.isEmail(sample)).as(sample).isEqualTo(EMAIL.matcher(sample).matches());
        }
    }


    private final ReceiptValidator validator = new ReceiptValidator();

    private static Money rub(String value) {
        return Money.parse(new BigDecimal(value));
    }

    private static Item service(String price) {
        Item item = Item.of("Доставка", rub(price), Quantity.ONE, rub(price),
                PaymentMethod.FULL_PAYMENT, PaymentObject.SERVICE, VatRate.VAT22);
        return new Item(item.name(), item.price(), item.quantity(), Measure.PIECE, null, item.sum(),
                item.paymentMethod(), item.paymentObject(), item.vat(), null, null, null, null, null, null, null, null, null);
    }

    private static FiscalDocument sale(List<Item> items, List<Payment> payments, Money total) {
        return new FiscalDocument(Operation.SELL,
                new Company("shop@example.ru", TaxSystem.OSN, "7707083893", "https://example.ru", null),
                new Client(null, "+79990000000", null, null),
                null, null, items, payments, List.of(), total, null, null, null, null, null, null, null);
    }

    private static ReceiptRequest request(FiscalDocument document) {
        return new ReceiptRequest("native-1", LocalDateTime.of(2026, 3, 1, 12, 0), null, AtolVersion.V5, document, null);
    }

    @Test
    void aCompleteSaleBuiltInCodeHasNoViolations() {
        FiscalDocument sale = sale(List.of(service("350.00")),
                List.of(new Payment(PaymentType.ELECTRONIC, rub("350.00"))), rub("350.00"));

        assertThat(validator.validate(request(sale))).isEmpty();
    }

    @Test
    void absentFieldsOfTheModelAreRequiredAtTheirJsonPaths() {
        Item empty = new Item(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        FiscalDocument sale = new FiscalDocument(Operation.SELL, null, null, null, null,
                List.of(empty), List.of(new Payment(null, null)), null, null, null, null, null, null, null, null, null);
        ReceiptRequest request = new ReceiptRequest(null, null, null, AtolVersion.V5, sale, List.of());

        assertThat(validator.validate(request)).extracting(Violation::code, Violation::field).containsExactly(
                tuple("required", "external_id"),
                tuple("required", "timestamp"),
                tuple("required", "receipt.company"),
                tuple("required", "receipt.client"),
                tuple("required", "receipt.items[0].name"),
                tuple("required", "receipt.items[0].price"),
                tuple("required", "receipt.items[0].quantity"),
                tuple("required", "receipt.items[0].sum"),
                tuple("required", "receipt.items[0].measure"),
                tuple("required", "receipt.items[0].payment_method"),
                tuple("required", "receipt.items[0].payment_object"),
                tuple("required", "receipt.items[0].vat.type"),
                tuple("required", "receipt.payments[0].type"),
                tuple("required", "receipt.payments[0].sum"),
                tuple("required", "receipt.total"));
    }

    @Test
    void zeroQuantityBuiltInCodeIsNotPositive() {
        Item item = service("10.00");
        Item zero = new Item(item.name(), item.price(), Quantity.ofThousandths(0), item.measure(), null, Money.ZERO,
                item.paymentMethod(), item.paymentObject(), item.vat(), null, null, null, null, null, null, null, null, null);
        FiscalDocument sale = sale(List.of(zero), List.of(new Payment(PaymentType.CASH, Money.ZERO)), Money.ZERO);

        assertThat(validator.validate(request(sale))).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("not_positive", "receipt.items[0].quantity"));
    }

    @Test
    void aCorrectionWithoutItsInfoNeedsCorrectionInfo() {
        FiscalDocument sale = sale(List.of(service("100.00")),
                List.of(new Payment(PaymentType.CASH, rub("100.00"))), rub("100.00"));
        FiscalDocument correction = new FiscalDocument(Operation.BUY_CORRECTION, sale.company(), null, null, null,
                sale.items(), sale.payments(), List.of(new VatAmount(VatRate.VAT22, rub("18.03"))), sale.total(),
                null, null, null, null, null, null, null);

        assertThat(validator.validate(request(correction))).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("correction_info_required", "correction.correction_info"));
    }

    @Test
    void aCorrectionWithItsInfoPasses() {
        FiscalDocument sale = sale(List.of(service("100.00")),
                List.of(new Payment(PaymentType.CASH, rub("100.00"))), rub("100.00"));
        FiscalDocument correction = new FiscalDocument(Operation.BUY_CORRECTION, sale.company(), null, null, null,
                sale.items(), sale.payments(), List.of(), sale.total(), null, null,
                new CorrectionInfo(CorrectionType.INSTRUCTION, LocalDate.of(2026, 2, 1), "ПР-7", null),
                null, null, null, null);

        assertThat(validator.validate(request(correction))).isEmpty();
    }

    @Test
    void itemsOverTheLimitAreTooMany() {
        List<Item> items = java.util.Collections.nCopies(101, service("1.00"));
        FiscalDocument sale = sale(items, List.of(new Payment(PaymentType.CASH, rub("101.00"))), rub("101.00"));

        assertThat(validator.validate(request(sale))).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("too_many", "receipt.items"));
    }

    @Test
    void violationKnowsWhatItConcerns() {
        Violation violation = ViolationCode.REQUIRED.at("receipt.items[1].vat.type");

        assertThat(violation.isWithin("receipt.items[1]")).isTrue();
        assertThat(violation.isWithin("receipt.items[1].vat")).isTrue();
        assertThat(violation.isWithin("receipt.items[1].vat.type")).isTrue();
        assertThat(violation.isWithin("receipt.items[10]")).isFalse();
        assertThat(violation.isWithin("receipt.items[1].va")).isFalse();
    }

    @Test
    void everyCodeIsLowerSnakeCaseAndUnique() {
        assertThat(ViolationCode.values()).extracting(ViolationCode::code)
                .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"))
                .doesNotHaveDuplicates();
    }
}
