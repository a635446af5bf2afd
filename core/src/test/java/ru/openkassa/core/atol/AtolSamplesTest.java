package ru.openkassa.core.atol;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.openkassa.core.atol.ReadAssertions.accepted;
import static ru.openkassa.core.atol.ReadAssertions.onlyViolation;
import static ru.openkassa.core.atol.ReadAssertions.read;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.AgentType;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.receipt.ReceiptRequest;
import ru.openkassa.core.receipt.VatRate;

/** Requests published with ATOL clients and docs; provenance in src/test/resources/atol/SOURCES.md. */
class AtolSamplesTest {

    @Test
    void atolV4SellExampleIsAcceptedWithExactMoney() {
        // skodnik/atol-online data/samples/request/requestIncomeConsumption-01.json (INN made valid)
        ReceiptRequest request = accepted(read(JsonEdit.resource("v4-sell.json"), AtolVersion.V4, Operation.SELL));

        FiscalDocument document = request.document();
        Item sausage = document.items().get(0);
        assertThat(sausage.price()).isEqualTo(Money.ofKopecks(100_000));
        assertThat(sausage.quantity()).isEqualTo(Quantity.ofThousandths(300));
        assertThat(sausage.price().times(sausage.quantity())).isEqualTo(Money.ofKopecks(30_000)).isEqualTo(sausage.sum());
        assertThat(sausage.measurementUnit()).isEqualTo("кг");
        assertThat(document.items().get(1).quantity()).isEqualTo(Quantity.ONE);
        assertThat(document.total()).isEqualTo(Money.ofKopecks(40_000));
        assertThat(request.callbackUrl()).isEqualTo("http://testtest");
    }

    @Test
    void atolV4SellExampleWithVatsCarriesAnOld18PercentAmountAndIsRefused() {
        // skodnik/atol-online requestIncomeConsumption-02.json: vats[0] vat20 = 45.76, which is 300.00 × 18/118.
        onlyViolation(read(JsonEdit.resource("v4-sell-with-vats.json"), AtolVersion.V4, Operation.SELL),
                "vat_mismatch", "receipt.vats[0].sum");
    }

    @Test
    void atolV4CorrectionExampleIsAccepted() {
        // skodnik/atol-online data/samples/request/requestCorrectionIncomeConsumption.json (INN made valid)
        ReceiptRequest request = accepted(read(JsonEdit.resource("v4-correction.json"), AtolVersion.V4, Operation.SELL_CORRECTION));

        FiscalDocument document = request.document();
        assertThat(document.correctionInfo().baseDate()).isEqualTo(LocalDate.of(2017, 7, 25));
        assertThat(document.correctionInfo().baseNumber()).isEqualTo("1175");
        assertThat(document.vats()).extracting(v -> v.type()).containsExactly(VatRate.VAT20, VatRate.VAT10);
        assertThat(document.total()).isEqualTo(Money.ofKopecks(200_000));
    }

    @Test
    void atolV5SellExampleWithMarkingAndAgentIsAccepted() {
        // ATOL v5 documentation example as posted to Evotor's ATOL-compatible service
        ReceiptRequest request = accepted(read(JsonEdit.resource("v5-sell.json"), AtolVersion.V5, Operation.SELL));

        FiscalDocument document = request.document();
        Item item = document.items().getFirst();
        assertThat(item.measure()).isEqualTo(Measure.PIECE);
        assertThat(item.paymentObject()).isEqualTo(PaymentObject.COMMODITY);
        assertThat(item.vat()).isEqualTo(VatRate.VAT0);
        assertThat(item.agentInfo().type()).isEqualTo(AgentType.ANOTHER);
        assertThat(item.agentInfo().moneyTransferOperator().inn()).isEqualTo("112233445573");
        assertThat(item.supplierInfo().name()).isEqualTo("Название поставщика");
        assertThat(item.excise()).isEqualTo(Money.ZERO);
        assertThat(document.cashierInn()).isEqualTo("2310228986");
        assertThat(document.client().name()).isEqualTo("Иванов Иван Иванович");
        assertThat(document.additionalUserProps().name()).isEqualTo("название доп реквизита");
        assertThat(document.total()).isEqualTo(Money.ofKopecks(100));
    }

    @Test
    void atolV5CorrectionAsSentByIliClientIsAccepted() {
        // ili/atol-online Tests/Tests.cs SimpleCorrectionReceipit(V5), written out as JSON
        ReceiptRequest request = accepted(read(JsonEdit.resource("v5-correction.json"), AtolVersion.V5, Operation.SELL_CORRECTION));

        FiscalDocument document = request.document();
        Item item = document.items().getFirst();
        assertThat(item.measure()).isEqualTo(Measure.KILOGRAM);
        assertThat(item.paymentObject()).isEqualTo(PaymentObject.EXCISE);
        assertThat(item.price().times(item.quantity())).isEqualTo(Money.ofKopecks(1100));
        assertThat(document.payments().getFirst().type()).isEqualTo(PaymentType.CASH);
        assertThat(document.total()).isEqualTo(Money.ofKopecks(1100));
    }

    @Test
    void theSameV5CorrectionIsAcceptedAsABuyRefundCorrection() {
        accepted(read(JsonEdit.resource("v5-correction.json"), AtolVersion.V5, Operation.BUY_REFUND_CORRECTION));
    }
}
