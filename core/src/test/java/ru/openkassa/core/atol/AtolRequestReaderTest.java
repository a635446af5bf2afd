package ru.openkassa.core.atol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static ru.openkassa.core.atol.ReadAssertions.accepted;
import static ru.openkassa.core.atol.ReadAssertions.exactlyViolations;
import static ru.openkassa.core.atol.ReadAssertions.onlyViolation;
import static ru.openkassa.core.atol.ReadAssertions.read;
import static ru.openkassa.core.atol.ReadAssertions.violations;
import static ru.openkassa.core.receipt.AtolVersion.V4;
import static ru.openkassa.core.receipt.AtolVersion.V5;
import static ru.openkassa.core.receipt.Operation.BUY_REFUND_CORRECTION;
import static ru.openkassa.core.receipt.Operation.SELL;
import static ru.openkassa.core.receipt.Operation.SELL_CORRECTION;
import static ru.openkassa.core.receipt.Operation.SELL_REFUND_CORRECTION;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.CorrectionType;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.TaxSystem;
import ru.openkassa.core.receipt.VatRate;
import ru.openkassa.core.validation.Violation;

class AtolRequestReaderTest {

    private static ReadResult sellV5(JsonEdit body) {
        return read(body, V5, SELL);
    }

    private static String repeat(String text, int times) {
        return "\"" + text.repeat(times) + "\"";
    }

    @Nested
    class ValidRequests {

        @Test
        void v5SellIsReadIntoTheModelWithExactMoney() {
            ReceiptRequest request = accepted(sellV5(Receipts.v5Sell()));

            assertThat(request.externalId()).isEqualTo("order-17");
            assertThat(request.timestamp()).isEqualTo(LocalDateTime.of(2026, 2, 1, 13, 45, 0));
            assertThat(request.callbackUrl()).isEqualTo("https://shop.example/atol-cb");
            assertThat(request.version()).isEqualTo(V5);
            assertThat(request.warnings()).isEmpty();
            FiscalDocument document = request.document();
            assertThat(document.operation()).isEqualTo(SELL);
            assertThat(document.company().sno()).isEqualTo(TaxSystem.OSN);
            assertThat(document.company().inn()).isEqualTo("5544332219");
            assertThat(document.client().email()).isEqualTo("kkt@kkt.ru");
            Item sausage = document.items().getFirst();
            assertThat(sausage.price()).isEqualTo(Money.ofKopecks(100_000));
            assertThat(sausage.quantity()).isEqualTo(Quantity.ofThousandths(300));
            assertThat(sausage.sum()).isEqualTo(Money.ofKopecks(30_000));
            assertThat(sausage.measure()).isEqualTo(Measure.KILOGRAM);
            assertThat(sausage.paymentMethod()).isEqualTo(PaymentMethod.FULL_PAYMENT);
            assertThat(sausage.paymentObject()).isEqualTo(PaymentObject.COMMODITY);
            assertThat(sausage.vat()).isEqualTo(VatRate.VAT22);
            assertThat(sausage.vatSum()).isEqualTo(Money.ofKopecks(5410));
            assertThat(document.payments().getFirst().type()).isEqualTo(PaymentType.ELECTRONIC);
            assertThat(document.total()).isEqualTo(Money.ofKopecks(40_000));
            assertThat(document.cashier()).isEqualTo("Иванова А. А.");
            assertThat(document.correctionInfo()).isNull();
        }

        @Test
        void v4SellReadsStringPaymentObjectAndMeasurementUnit() {
            ReceiptRequest request = accepted(read(Receipts.v4Sell(), V4, SELL));

            Item sausage = request.document().items().getFirst();
            assertThat(sausage.paymentObject()).isEqualTo(PaymentObject.COMMODITY);
            assertThat(sausage.measurementUnit()).isEqualTo("кг");
            assertThat(sausage.measure()).isNull();
            assertThat(request.document().client().phone()).isEqualTo("+79991234567");
            assertThat(request.document().payments().getFirst().type()).isEqualTo(PaymentType.CASH);
            assertThat(request.callbackUrl()).isNull();
        }

        @Test
        void tenthsAddUpExactly() {
            JsonEdit body = Receipts.v5Sell()
                    .set("receipt.items[0]", """
                            {"name": "a", "price": 0.1, "quantity": 1, "measure": 0, "sum": 0.1,
                             "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}""")
                    .set("receipt.items[1]", """
                            {"name": "b", "price": 0.2, "quantity": 1, "measure": 0, "sum": 0.2,
                             "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}""")
                    .remove("receipt.vats")
                    .set("receipt.total", "0.3")
                    .set("receipt.payments[0].sum", "0.30");

            FiscalDocument document = accepted(sellV5(body)).document();

            assertThat(document.items().get(0).sum().plus(document.items().get(1).sum()))
                    .isEqualTo(Money.ofKopecks(30))
                    .isEqualTo(document.total());
        }

        @Test
        void unknownFieldsAreIgnored() {
            JsonEdit body = Receipts.v5Sell()
                    .set("plugin_version", "\"1.2.3\"")
                    .set("receipt.items[0].nomenclature_code", "\"01 02\"")
                    .set("receipt.timezone", "2")
                    .set("receipt.client.birthdate", "\"01.01.1990\"");

            accepted(sellV5(body));
        }

        @Test
        void jsonNullCountsAsAbsent() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.items[0].vat.sum", "null").set("service", "null")));
        }

        @Test
        void v5RefundCorrectionIsAccepted() {
            ReceiptRequest request = accepted(read(Receipts.v5Correction(), V5, SELL_REFUND_CORRECTION));

            assertThat(request.document().operation().calculationSign()).isEqualTo(2);
            assertThat(request.document().correctionInfo().type()).isEqualTo(CorrectionType.SELF);
            assertThat(request.document().correctionInfo().baseDate()).isEqualTo(LocalDate.of(2026, 1, 15));
        }

        @Test
        void v4CorrectionTotalIsTheSumOfItsPayments() {
            FiscalDocument document = accepted(read(Receipts.v4Correction(), V4, SELL_CORRECTION)).document();

            assertThat(document.items()).isEmpty();
            assertThat(document.client()).isNull();
            assertThat(document.total()).isEqualTo(Money.ofKopecks(10_000));
        }
    }

    @Nested
    class NotJson {

        @Test
        void textIsMalformed() {
            ReadResult result = new AtolRequestReader().read("not json".getBytes(StandardCharsets.UTF_8), V5, SELL);

            assertThat(result).isInstanceOf(ReadResult.Malformed.class);
        }

        @Test
        void anArrayRootIsMalformed() {
            ReadResult result = new AtolRequestReader().read("[{}]".getBytes(StandardCharsets.UTF_8), V5, SELL);

            assertThat(result).isInstanceOf(ReadResult.Malformed.class);
        }

        @Test
        void anEmptyBodyIsMalformed() {
            assertThat(new AtolRequestReader().read(new byte[0], V5, SELL)).isInstanceOf(ReadResult.Malformed.class);
        }

        @Test
        void truncatedJsonIsMalformed() {
            byte[] body = "{\"external_id\": \"1\", \"receipt\": {".getBytes(StandardCharsets.UTF_8);

            assertThat(new AtolRequestReader().read(body, V5, SELL)).isInstanceOf(ReadResult.Malformed.class);
        }

        @Test
        void refundCorrectionDoesNotExistInV4() {
            assertThatThrownBy(() -> read(Receipts.v4Correction(), V4, BUY_REFUND_CORRECTION))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RootFields {

        @Test
        void externalIdIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("external_id")), "required", "external_id");
        }

        @Test
        void externalIdAtMost128Characters() {
            accepted(sellV5(Receipts.v5Sell().set("external_id", repeat("x", 128))));
            onlyViolation(sellV5(Receipts.v5Sell().set("external_id", repeat("x", 129))), "too_long", "external_id");
        }

        @Test
        void externalIdAsNumberIsWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("external_id", "17")), "wrong_type", "external_id");
        }

        @Test
        void timestampIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("timestamp")), "required", "timestamp");
        }

        @Test
        void receiptIsRequiredForASale() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt")), "required", "receipt");
        }

        @Test
        void receiptThatIsNotAnObjectIsWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt", "[]")), "wrong_type", "receipt");
        }

        @Test
        void correctionRootIsRequiredForACorrection() {
            JsonEdit body = Receipts.v5Sell();

            onlyViolation(read(body, V5, SELL_CORRECTION), "required", "correction");
        }
    }

    @Nested
    class StrictDates {

        @Test
        void timestampOf31FebruaryIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", "31.02.2026 10:00:00")), "bad_date", "timestamp");
        }

        @Test
        void isoTimestampIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", "2026-02-01T13:45:00")), "bad_date", "timestamp");
        }

        @Test
        void singleDigitDayIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", "1.02.2026 13:45:00")), "bad_date", "timestamp");
        }

        @Test
        void timestampWithoutSecondsIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", "01.02.2026 13:45")), "bad_date", "timestamp");
        }

        @Test
        void signsLettersAndOtherSeparatorsInTheTimestampAreRefused() {
            for (String timestamp : List.of("+1.02.2026 13:45:00", "01.0a.2026 13:45:00", "01.02.2026T13:45:00",
                    "01/02/2026 13:45:00", "01.02.2026 13:45:0٣", "00.02.2026 13:45:00", "01.13.2026 13:45:00",
                    "01.02.2026 13:60:00")) {
                onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", timestamp)), "bad_date", "timestamp");
            }
            accepted(sellV5(Receipts.v5Sell().setString("timestamp", "31.12.2026 23:59:59")));
        }

        @Test
        void hour24IsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", "01.02.2026 24:00:00")), "bad_date", "timestamp");
        }

        @Test
        void leapDayIsAcceptedInALeapYearOnly() {
            accepted(sellV5(Receipts.v5Sell().setString("timestamp", "29.02.2028 00:00:00")));
            onlyViolation(sellV5(Receipts.v5Sell().setString("timestamp", "29.02.2027 00:00:00")), "bad_date", "timestamp");
        }

        @Test
        void correctionBaseDateIsADateWithoutTime() {
            JsonEdit body = Receipts.v4Correction().setString("correction.correction_info.base_date", "15.01.2026 00:00:00");

            onlyViolation(read(body, V4, SELL_CORRECTION), "bad_date", "correction.correction_info.base_date");
        }

        @Test
        void correctionBaseDateOf31AprilIsRefused() {
            JsonEdit body = Receipts.v5Correction().setString("correction.correction_info.base_date", "31.04.2025");

            onlyViolation(read(body, V5, SELL_CORRECTION), "bad_date", "correction.correction_info.base_date");
        }
    }

    @Nested
    class Callback {

        @Test
        void invalidCallbackUrlIsAWarningNotARefusal() {
            ReceiptRequest request = accepted(sellV5(Receipts.v5Sell().setString("service.callback_url", "shop.example/cb")));

            assertThat(request.callbackUrl()).isNull();
            assertThat(request.warnings()).extracting(Violation::code, Violation::field)
                    .containsExactly(tuple("bad_format", "service.callback_url"));
        }

        @Test
        void callbackUrlWithPortAndQueryIsValid() {
            ReceiptRequest request = accepted(sellV5(Receipts.v5Sell()
                    .setString("service.callback_url", "https://shop.example:8443/atol/cb?order=17&sign=a%2Fb")));

            assertThat(request.warnings()).isEmpty();
        }

        @Test
        void callbackUrlLongerThan256IsRefused() {
            JsonEdit body = Receipts.v5Sell().setString("service.callback_url", "https://shop.example/" + "a".repeat(236));

            onlyViolation(sellV5(body), "too_long", "service.callback_url");
        }
    }

    @Nested
    class Types {

        @Test
        void priceGivenAsStringIsWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].price", "\"1000.00\"")),
                    "wrong_type", "receipt.items[0].price");
        }

        @Test
        void innGivenAsNumberIsWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.company.inn", "5544332219")),
                    "wrong_type", "receipt.company.inn");
        }

        @Test
        void itemThatIsNotAnObjectIsWrongTypeAndItsFieldsAreNotReportedAgain() {
            JsonEdit body = Receipts.v5Sell()
                    .set("receipt.items[1]", "\"egg\"")
                    .remove("receipt.vats")
                    .set("receipt.total", "300.00")
                    .set("receipt.payments[0].sum", "300.00");

            onlyViolation(sellV5(body), "wrong_type", "receipt.items[1]");
        }

        @Test
        void companyThatIsAStringIsWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.company", "\"ООО Ромашка\"")), "wrong_type", "receipt.company");
        }

        @Test
        void itemsThatAreAnObjectAreWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items", "{}")), "wrong_type", "receipt.items");
        }

        @Test
        void internetMustBeBoolean() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.internet", "\"true\"")), "wrong_type", "receipt.internet");
        }

        @Test
        void v5PaymentObjectAsV4StringIsWrongType() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.items[0].payment_object", "commodity")),
                    "wrong_type", "receipt.items[0].payment_object");
        }

        @Test
        void v4PaymentObjectAsNumberIsWrongType() {
            onlyViolation(read(Receipts.v4Sell().set("receipt.items[0].payment_object", "1"), V4, SELL),
                    "wrong_type", "receipt.items[0].payment_object");
        }

        @Test
        void supplierPhoneThatIsNotAStringIsWrongTypeAtItsIndex() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").set("receipt.items[0].supplier_info.phones", "[\"+79990000000\", 79990000001]");

            onlyViolation(sellV5(body), "wrong_type", "receipt.items[0].supplier_info.phones[1]");
        }
    }

    @Nested
    class Enumerations {

        @Test
        void unknownVatType() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.items[0].vat.type", "vat23")),
                    "unknown_value", "receipt.items[0].vat.type");
        }

        @Test
        void unknownTaxSystem() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.company.sno", "usn")), "unknown_value", "receipt.company.sno");
        }

        @Test
        void unknownPaymentType() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments[0].type", "10")), "unknown_value", "receipt.payments[0].type");
        }

        @Test
        void fractionalPaymentTypeIsUnknown() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments[0].type", "1.5")), "unknown_value", "receipt.payments[0].type");
        }

        @Test
        void paymentTypeOneWrittenAsOnePointZeroIsElectronic() {
            ReceiptRequest request = accepted(sellV5(Receipts.v5Sell().set("receipt.payments[0].type", "1.0")));

            assertThat(request.document().payments().getFirst().type()).isEqualTo(PaymentType.ELECTRONIC);
        }

        @Test
        void unknownPaymentMethod() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.items[0].payment_method", "full")),
                    "unknown_value", "receipt.items[0].payment_method");
        }

        @Test
        void unknownV5PaymentObjectCode() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].payment_object", "28")),
                    "unknown_value", "receipt.items[0].payment_object");
        }

        @Test
        void unknownV4PaymentObjectString() {
            onlyViolation(read(Receipts.v4Sell().setString("receipt.items[0].payment_object", "goods"), V4, SELL),
                    "unknown_value", "receipt.items[0].payment_object");
        }

        @Test
        void v4CompositePaymentObjectIsCode12() {
            ReceiptRequest request = accepted(read(
                    Receipts.v4Sell().setString("receipt.items[0].payment_object", "composite"), V4, SELL));

            assertThat(request.document().items().getFirst().paymentObject().code()).isEqualTo(12);
        }

        @Test
        void unknownMeasure() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].measure", "5")), "unknown_value", "receipt.items[0].measure");
        }

        @Test
        void unknownCorrectionType() {
            onlyViolation(read(Receipts.v5Correction().setString("correction.correction_info.type", "auto"), V5, SELL_CORRECTION),
                    "unknown_value", "correction.correction_info.type");
        }

        @Test
        void unknownAgentType() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").setString("receipt.items[0].agent_info.type", "broker");

            onlyViolation(sellV5(body), "unknown_value", "receipt.items[0].agent_info.type");
        }
    }

    @Nested
    class Limits {

        @Test
        void itemNameAtMost128Characters() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.items[0].name", repeat("я", 128))));
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].name", repeat("я", 129))), "too_long", "receipt.items[0].name");
        }

        @Test
        void cashierAtMost64Characters() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.cashier", repeat("к", 65))), "too_long", "receipt.cashier");
        }

        @Test
        void companyEmailAtMost64Characters() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.company.email", "\"" + "a".repeat(55) + "@shop.example\"")),
                    "too_long", "receipt.company.email");
        }

        @Test
        void clientEmailAtMost64Characters() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.client.email", "\"" + "a".repeat(55) + "@shop.example\"")),
                    "too_long", "receipt.client.email");
        }

        @Test
        void paymentAddressAtMost256Characters() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.company.payment_address", repeat("a", 257))),
                    "too_long", "receipt.company.payment_address");
        }

        @Test
        void additionalCheckPropsAtMost16Characters() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.additional_check_props", repeat("1", 17))),
                    "too_long", "receipt.additional_check_props");
        }

        @Test
        void userDataAtMost64Characters() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[1].user_data", repeat("u", 65))),
                    "too_long", "receipt.items[1].user_data");
        }

        @Test
        void v4MeasurementUnitAtMost16Characters() {
            onlyViolation(read(Receipts.v4Sell().set("receipt.items[0].measurement_unit", repeat("к", 17)), V4, SELL),
                    "too_long", "receipt.items[0].measurement_unit");
        }

        @Test
        void priceAboveTheFiscalMaximumIsOutOfRange() {
            JsonEdit body = Receipts.v5Sell().set("receipt.items[1].price", "42949672.96");

            onlyViolation(sellV5(body), "out_of_range", "receipt.items[1].price");
        }

        @Test
        void sumAboveTheFiscalMaximumIsOutOfRange() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[1].sum", "42949672.96")), "out_of_range", "receipt.items[1].sum");
        }

        @Test
        void astronomicalAmountIsOutOfRange() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments[0].sum", "1e30")), "out_of_range", "receipt.payments[0].sum");
        }

        @Test
        void negativePaymentIsOutOfRange() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments[0].sum", "-400.00")), "out_of_range", "receipt.payments[0].sum");
        }

        @Test
        void quantityAbove99999point999IsOutOfRange() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[1].quantity", "100000")), "out_of_range", "receipt.items[1].quantity");
        }

        @Test
        void moneyWithThreeFractionalDigitsIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].price", "1000.001")),
                    "fractional_digits", "receipt.items[0].price");
        }

        @Test
        void trailingZerosAreNotFractionalDigits() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.items[0].price", "1000.0000")));
        }

        @Test
        void quantityWithFourFractionalDigitsIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].quantity", "0.3001")),
                    "fractional_digits", "receipt.items[0].quantity");
        }

        @Test
        void zeroQuantityIsNotPositive() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].quantity", "0")), "not_positive", "receipt.items[0].quantity");
        }

        @Test
        void negativeQuantityIsNotPositive() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].quantity", "-0.3")), "not_positive", "receipt.items[0].quantity");
        }

        @Test
        void negativePriceIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].price", "-1000.00")), "not_positive", "receipt.items[0].price");
        }

        @Test
        void zeroPriceIsAllowed() {
            JsonEdit body = Receipts.v5Sell()
                    .set("receipt.items[1].price", "0").set("receipt.items[1].sum", "0").set("receipt.items[1].vat.sum", "0")
                    .set("receipt.vats[1].sum", "0").set("receipt.total", "300.00").set("receipt.payments[0].sum", "300.00");

            accepted(sellV5(body));
        }
    }

    @Nested
    class Counts {

        @Test
        void itemsAreRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.items")), "required", "receipt.items");
        }

        @Test
        void emptyItemsAreTooFew() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items", "[]")), "too_few", "receipt.items");
        }

        @Test
        void moreThan100ItemsAreTooMany() {
            JsonEdit body = Receipts.v5Sell().remove("receipt.vats");
            StringJoiner items = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 101; i++) {
                items.add("""
                        {"name": "n%d", "price": 1.00, "quantity": 1, "measure": 0, "sum": 1.00,
                         "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}""".formatted(i));
            }
            body.set("receipt.items", items.toString()).set("receipt.total", "101.00").set("receipt.payments[0].sum", "101.00");

            onlyViolation(sellV5(body), "too_many", "receipt.items");
        }

        @Test
        void paymentsAreRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.payments")), "required", "receipt.payments");
        }

        @Test
        void emptyPaymentsAreTooFew() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments", "[]")), "too_few", "receipt.payments");
        }

        @Test
        void moreThan10PaymentsAreTooMany() {
            StringJoiner payments = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 10; i++) {
                payments.add("{\"type\": 1, \"sum\": 36.36}");
            }
            payments.add("{\"type\": 1, \"sum\": 36.40}");

            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments", payments.toString())), "too_many", "receipt.payments");
        }

        @Test
        void emptyVatsAreTooFew() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.vats", "[]")), "too_few", "receipt.vats");
        }

        @Test
        void moreThan6VatsAreTooMany() {
            JsonEdit body = Receipts.v5Sell();
            for (int i = 2; i < 7; i++) {
                body.set("receipt.vats[" + i + "]", "{\"type\": \"none\", \"sum\": 0}");
            }

            onlyViolation(sellV5(body), "too_many", "receipt.vats");
        }

        @Test
        void v4CorrectionNeedsVats() {
            onlyViolation(read(Receipts.v4Correction().remove("correction.vats"), V4, SELL_CORRECTION), "required", "correction.vats");
        }
    }

    @Nested
    class Required {

        @Test
        void itemNameIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.items[1].name")), "required", "receipt.items[1].name");
        }

        @Test
        void itemVatIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.items[1].vat")), "required", "receipt.items[1].vat");
        }

        @Test
        void v5MeasureIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.items[0].measure")), "required", "receipt.items[0].measure");
        }

        @Test
        void v5PaymentObjectIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.items[0].payment_object")),
                    "required", "receipt.items[0].payment_object");
        }

        @Test
        void v4PaymentMethodAndObjectMayBeOmitted() {
            JsonEdit body = Receipts.v4Sell()
                    .remove("receipt.items[0].payment_method").remove("receipt.items[0].payment_object");

            accepted(read(body, V4, SELL));
        }

        @Test
        void totalIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.total")), "required", "receipt.total");
        }

        @Test
        void companyIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.company")), "required", "receipt.company");
        }

        @Test
        void companyEmailIsRequiredOnAReceipt() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.company.email")), "required", "receipt.company.email");
        }

        @Test
        void companyInnIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.company.inn")), "required", "receipt.company.inn");
        }

        @Test
        void paymentAddressIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.company.payment_address")),
                    "required", "receipt.company.payment_address");
        }

        @Test
        void taxSystemMayBeOmitted() {
            assertThat(accepted(sellV5(Receipts.v5Sell().remove("receipt.company.sno"))).document().company().sno()).isNull();
        }

        @Test
        void clientIsRequiredOnAReceipt() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.client")), "required", "receipt.client");
        }

        @Test
        void paymentSumIsRequired() {
            onlyViolation(sellV5(Receipts.v5Sell().remove("receipt.payments[0].sum")), "required", "receipt.payments[0].sum");
        }

        @Test
        void supplierIsRequiredWithAgentData() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").remove("receipt.items[0].supplier_info");

            onlyViolation(sellV5(body), "required", "receipt.items[0].supplier_info");
        }
    }

    @Nested
    class Formats {

        @Test
        void companyEmailMustLookLikeAnEmail() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.company.email", "chek-at-shop")),
                    "bad_format", "receipt.company.email");
        }

        @Test
        void clientPhoneWithSpacesIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.client.phone", "+7 999 123-45-67")),
                    "bad_format", "receipt.client.phone");
        }

        @Test
        void russianPhoneWithoutPlusSevenIsAccepted() {
            accepted(sellV5(Receipts.v5Sell().remove("receipt.client.email").setString("receipt.client.phone", "9991234567")));
        }

        @Test
        void supplierPhoneWithSpacesIsRefused() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").set("receipt.items[0].supplier_info.phones[0]", "\"+7 999 999 99 99\"");

            onlyViolation(sellV5(body), "bad_format", "receipt.items[0].supplier_info.phones[0]");
        }

        @Test
        void countryCodeIsUpToThreeDigits() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.items[0].country_code", "RUS")),
                    "bad_format", "receipt.items[0].country_code");
        }
    }

    @Nested
    class Inn {

        @Test
        void companyInnWithWrongCheckDigitIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.company.inn", "1234567891")), "bad_inn", "receipt.company.inn");
        }

        @Test
        void companyInnOfElevenDigitsIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.company.inn", "55443322190")), "bad_inn", "receipt.company.inn");
        }

        @Test
        void clientInnIsChecked() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.client.inn", "112233445574")), "bad_inn", "receipt.client.inn");
        }

        @Test
        void cashierInnIsChecked() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.cashier_inn", "77281689")), "bad_inn", "receipt.cashier_inn");
        }

        @Test
        void supplierInnIsChecked() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").setString("receipt.items[0].supplier_info.inn", "2310228987");

            onlyViolation(sellV5(body), "bad_inn", "receipt.items[0].supplier_info.inn");
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void itemSumMustBePriceTimesQuantity() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[1].sum", "100.02")), "sum_mismatch", "receipt.items[1].sum");
        }

        @Test
        void itemSumMayBeOffByOneKopeck() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.items[1].sum", "100.01")));
        }

        @Test
        void priceTimesQuantityRoundsHalfUp() {
            // 0.333 kg at 1.50 = 0.4995 → 0.50
            JsonEdit body = Receipts.v5Sell()
                    .set("receipt.items[1]", """
                            {"name": "Соль", "price": 1.50, "quantity": 0.333, "measure": 11, "sum": 0.50,
                             "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}""")
                    .remove("receipt.vats").set("receipt.total", "300.50").set("receipt.payments[0].sum", "300.50");

            accepted(sellV5(body));
            onlyViolation(sellV5(body.set("receipt.items[1].sum", "0.48")), "sum_mismatch", "receipt.items[1].sum");
        }

        @Test
        void totalMustBeTheSumOfItems() {
            JsonEdit body = Receipts.v5Sell().set("receipt.total", "401.00").set("receipt.payments[0].sum", "401.00");

            onlyViolation(sellV5(body), "total_mismatch", "receipt.total");
        }

        @Test
        void totalMayBeRoundedByUpTo99Kopecks() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.total", "399.01").set("receipt.payments[0].sum", "399.01")));
        }

        @Test
        void underpaymentIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments[0].sum", "390.00")), "payments_mismatch", "receipt.payments");
        }

        @Test
        void electronicOverpaymentIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.payments[0].sum", "410.00")), "payments_mismatch", "receipt.payments");
        }

        @Test
        void cashOverpaymentIsChange() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.payments[0]", "{\"type\": 0, \"sum\": 500.00}")));
        }

        @Test
        void cashMayCoverTheRestOfACardPaymentWithChange() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.payments",
                    "[{\"type\": 1, \"sum\": 350.00}, {\"type\": 0, \"sum\": 100.00}]")));
        }

        @Test
        void nonCashPaymentsTogetherMayNotExceedTheTotal() {
            JsonEdit body = Receipts.v5Sell().set("receipt.payments",
                    "[{\"type\": 1, \"sum\": 300.00}, {\"type\": 2, \"sum\": 101.00}, {\"type\": 0, \"sum\": 5.00}]");

            onlyViolation(sellV5(body), "payments_mismatch", "receipt.payments");
        }

        @Test
        void itemVatMustMatchItsRate() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.items[0].vat.sum", "54.20")),
                    "vat_mismatch", "receipt.items[0].vat.sum");
        }

        @Test
        void itemVatMayBeOffByOneKopeck() {
            accepted(sellV5(Receipts.v5Sell().set("receipt.items[0].vat.sum", "54.11")));
        }

        @Test
        void receiptVatMustMatchTheItemsOfItsRate() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.vats[0].sum", "50.00")), "vat_mismatch", "receipt.vats[0].sum");
        }

        @Test
        void receiptVatOfARateNoItemHasMustBeZero() {
            JsonEdit body = Receipts.v5Sell().set("receipt.vats[2]", "{\"type\": \"vat5\", \"sum\": 1.00}");

            onlyViolation(sellV5(body), "vat_mismatch", "receipt.vats[2].sum");
        }

        @Test
        void receiptVatWithoutVatIsNotCheckedAgainstARate() {
            // ATOL clients put either 0 or the taxable sum (tag 1105) there.
            accepted(read(JsonEdit.resource("v5-correction.json"), V5, SELL_CORRECTION));
        }
    }

    @Nested
    class RetiredRates {

        @Test
        void vat18IsRefusedOnAnyReceipt() {
            JsonEdit body = Receipts.v5Sell().setString("receipt.items[1].vat.type", "vat18")
                    .remove("receipt.items[1].vat.sum").remove("receipt.vats");

            onlyViolation(sellV5(body), "vat_rate_retired", "receipt.items[1].vat.type");
        }

        @Test
        void vat18IsRefusedEvenOnAReceiptDatedBefore2019() {
            JsonEdit body = Receipts.v5Sell().setString("timestamp", "01.02.2017 13:45:00")
                    .setString("receipt.items[1].vat.type", "vat118")
                    .remove("receipt.items[1].vat.sum").remove("receipt.vats");

            onlyViolation(sellV5(body), "vat_rate_retired", "receipt.items[1].vat.type");
        }

        @Test
        void vat20IsRefusedOnAReceiptDated2026() {
            JsonEdit body = Receipts.v5Sell().setString("receipt.items[0].vat.type", "vat20")
                    .remove("receipt.items[0].vat.sum").remove("receipt.vats");

            onlyViolation(sellV5(body), "vat_rate_retired", "receipt.items[0].vat.type");
        }

        @Test
        void vat20IsAcceptedOnTheLastDayOf2025() {
            JsonEdit body = Receipts.v5Sell().setString("timestamp", "31.12.2025 23:59:59")
                    .setString("receipt.items[0].vat.type", "vat20").set("receipt.items[0].vat.sum", "50.00")
                    .setString("receipt.vats[0].type", "vat20").set("receipt.vats[0].sum", "50.00");

            accepted(sellV5(body));
        }

        @Test
        void vat120InReceiptVatsIsRefusedIn2026() {
            JsonEdit body = Receipts.v5Sell().setString("receipt.vats[1].type", "vat120").set("receipt.vats[1].sum", "0");

            onlyViolation(sellV5(body), "vat_rate_retired", "receipt.vats[1].type");
        }

        @Test
        void aCorrectionOfA2025SaleKeeps20Percent() {
            JsonEdit body = Receipts.v5Correction()
                    .setString("correction.correction_info.base_date", "20.12.2025")
                    .setString("correction.items[0].vat.type", "vat20").set("correction.items[0].vat.sum", "20.33");

            accepted(read(body, V5, SELL_CORRECTION));
        }
    }

    @Nested
    class Client {

        @Test
        void clientWithoutEmailOrPhoneIsRefused() {
            onlyViolation(sellV5(Receipts.v5Sell().set("receipt.client", "{\"name\": \"Иванов\"}")),
                    "client_contact_required", "receipt.client");
        }

        @Test
        void blankEmailIsNoContact() {
            onlyViolation(sellV5(Receipts.v5Sell().setString("receipt.client.email", " ")),
                    "client_contact_required", "receipt.client");
        }

        @Test
        void aCorrectionNeedsNoClient() {
            accepted(read(Receipts.v5Correction(), V5, SELL_CORRECTION));
        }

        @Test
        void anInternetCorrectionNeedsAClientContact() {
            onlyViolation(read(Receipts.v5Correction().set("correction.internet", "true"), V5, SELL_CORRECTION),
                    "client_contact_required", "correction.client");
        }
    }

    @Nested
    class Corrections {

        @Test
        void correctionInfoIsRequired() {
            onlyViolation(read(Receipts.v5Correction().remove("correction.correction_info"), V5, SELL_CORRECTION),
                    "correction_info_required", "correction.correction_info");
        }

        @Test
        void v4CorrectionInfoIsRequiredToo() {
            onlyViolation(read(Receipts.v4Correction().remove("correction.correction_info"), V4, SELL_CORRECTION),
                    "correction_info_required", "correction.correction_info");
        }

        @Test
        void v4CorrectionNeedsABaseNumber() {
            onlyViolation(read(Receipts.v4Correction().remove("correction.correction_info.base_number"), V4, SELL_CORRECTION),
                    "required", "correction.correction_info.base_number");
        }

        @Test
        void v5CorrectionByOrderNeedsABaseNumber() {
            JsonEdit body = Receipts.v5Correction().setString("correction.correction_info.type", "instruction");

            onlyViolation(read(body, V5, SELL_CORRECTION), "required", "correction.correction_info.base_number");
        }

        @Test
        void baseDateIsRequired() {
            onlyViolation(read(Receipts.v5Correction().remove("correction.correction_info.base_date"), V5, SELL_CORRECTION),
                    "required", "correction.correction_info.base_date");
        }

        @Test
        void v4CorrectionIgnoresItemsAndNeedsNoCompanyEmail() {
            JsonEdit body = Receipts.v4Correction().set("correction.items", "[{\"name\": 1}]");

            assertThat(accepted(read(body, V4, SELL_CORRECTION)).document().items()).isEmpty();
        }

        @Test
        void v5CorrectionIsItemized() {
            onlyViolation(read(Receipts.v5Correction().remove("correction.items"), V5, SELL_CORRECTION),
                    "required", "correction.items");
        }

        @Test
        void v5CorrectionChecksItsArithmetic() {
            onlyViolation(read(Receipts.v5Correction().set("correction.items[0].sum", "120.00")
                            .set("correction.items[0].vat.sum", "21.64")
                            .set("correction.total", "120.00").set("correction.payments[0].sum", "120.00"),
                            V5, SELL_CORRECTION),
                    "sum_mismatch", "correction.items[0].sum");
        }
    }

    @Nested
    class MarkCode {

        @Test
        void markCodeIsKeptWithItsType() {
            Item item = accepted(sellV5(JsonEdit.resource("v5-sell.json"))).document().items().getFirst();

            assertThat(item.markCode().type().atolName()).isEqualTo("gs1m");
            assertThat(item.markCode().value()).isEqualTo("010463003407001221CMK45BrhN0WLf");
            assertThat(item.markQuantity().numerator()).isEqualTo(1L);
            assertThat(item.markQuantity().denominator()).isEqualTo(3L);
        }

        @Test
        void twoCodesInOneItemAreTooMany() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").setString("receipt.items[0].mark_code.ean13", "4600000000008");

            onlyViolation(sellV5(body), "too_many", "receipt.items[0].mark_code");
        }

        @Test
        void markCodeWithoutAKnownTypeIsUnknown() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").set("receipt.items[0].mark_code", "{\"datamatrix\": \"x\"}");

            onlyViolation(sellV5(body), "unknown_value", "receipt.items[0].mark_code");
        }

        @Test
        void markQuantityMustBePositive() {
            JsonEdit body = JsonEdit.resource("v5-sell.json").set("receipt.items[0].mark_quantity.numerator", "0");

            onlyViolation(sellV5(body), "not_positive", "receipt.items[0].mark_quantity.numerator");
        }
    }

    @Nested
    class AllAtOnce {

        @Test
        void everyProblemIsReportedInOneAnswer() {
            JsonEdit body = Receipts.v5Sell()
                    .remove("external_id")
                    .setString("timestamp", "31.02.2026 10:00:00")
                    .setString("receipt.company.inn", "1234567891")
                    .set("receipt.items[0].price", "\"1000.00\"")
                    .set("receipt.items[1].sum", "100.05")
                    .setString("receipt.items[1].vat.type", "vat7")
                    .set("receipt.payments[0].type", "12")
                    .set("receipt.client", "{}");

            exactlyViolations(sellV5(body),
                    tuple("required", "external_id"),
                    tuple("bad_date", "timestamp"),
                    tuple("bad_inn", "receipt.company.inn"),
                    tuple("wrong_type", "receipt.items[0].price"),
                    tuple("sum_mismatch", "receipt.items[1].sum"),
                    tuple("vat_mismatch", "receipt.items[1].vat.sum"),
                    tuple("vat_mismatch", "receipt.vats[1].sum"),
                    tuple("unknown_value", "receipt.payments[0].type"),
                    tuple("client_contact_required", "receipt.client"));
        }

        @Test
        void aWrongTypedFieldDoesNotHideTheRestOfTheItem() {
            JsonEdit body = Receipts.v5Sell()
                    .set("receipt.items[0].quantity", "\"0.3\"")
                    .set("receipt.items[0].name", repeat("n", 200))
                    .set("receipt.items[0].payment_object", "99");

            exactlyViolations(sellV5(body),
                    tuple("wrong_type", "receipt.items[0].quantity"),
                    tuple("too_long", "receipt.items[0].name"),
                    tuple("unknown_value", "receipt.items[0].payment_object"));
        }

        @Test
        void everyViolationSpeaksRussianAndEnglish() {
            JsonEdit body = Receipts.v5Sell().setString("receipt.company.inn", "1234567891").set("receipt.total", "500.00");

            assertThat(violations(sellV5(body))).isNotEmpty().allSatisfy(violation -> {
                assertThat(violation.messageRu()).containsPattern("[А-Яа-я]");
                assertThat(violation.messageEn()).containsPattern("^[\\x20-\\x7E]+$");
            });
        }
    }
}
