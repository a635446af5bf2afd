package ru.openkassa.core.atol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.ReceiptRequest;

class AtolReceiptWriterTest {

    private final AtolRequestReader reader = new AtolRequestReader();
    private final AtolReceiptWriter writer = new AtolReceiptWriter();

    private ReceiptRequest accepted(byte[] body, Operation operation) {
        ReadResult result = reader.read(body, AtolVersion.V5, operation);
        assertThat(result).as(result.toString()).isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) result).request();
    }

    private ReceiptRequest roundTrip(ReceiptRequest request) {
        String written = writer.write(request.externalId(), request.timestamp(), request.callbackUrl(), request.document());
        return accepted(written.getBytes(StandardCharsets.UTF_8), request.document().operation());
    }

    @Test
    void aPublishedV5SellWithAgentsMarksAndClientReadsBackAsTheSameDocument() {
        ReceiptRequest original = accepted(JsonEdit.resource("v5-sell.json").bytes(), Operation.SELL);
        ReceiptRequest again = roundTrip(original);
        assertThat(again.document()).isEqualTo(original.document());
        assertThat(again.externalId()).isEqualTo(original.externalId());
        assertThat(again.timestamp()).isEqualTo(original.timestamp());
        assertThat(again.callbackUrl()).isEqualTo(original.callbackUrl());
    }

    @Test
    void aSellWithWeighedGoodsVatsAndCashierReadsBackAsTheSameDocument() {
        ReceiptRequest original = accepted(Receipts.v5Sell().bytes(), Operation.SELL);
        assertThat(roundTrip(original).document()).isEqualTo(original.document());
    }

    @Test
    void aRefundKeepsItsOperationAndAReceiptWithoutCallbackHasNoService() {
        ReceiptRequest original = accepted(Receipts.v5Sell().remove("service").bytes(), Operation.SELL_REFUND);
        String written = writer.write(original.externalId(), original.timestamp(), null, original.document());
        assertThat(written).doesNotContain("service");
        assertThat(accepted(written.getBytes(StandardCharsets.UTF_8), Operation.SELL_REFUND).document())
                .isEqualTo(original.document());
    }

    @Test
    void aCorrectionIsNotWritten() {
        FiscalDocument sell = accepted(Receipts.v5Sell().bytes(), Operation.SELL).document();
        FiscalDocument correction = new FiscalDocument(Operation.SELL_CORRECTION, sell.company(), sell.client(), null, null,
                sell.items(), sell.payments(), sell.vats(), sell.total(), null, null, null, null, null, null, null);
        assertThatThrownBy(() -> writer.write("x", java.time.LocalDateTime.now(), null, correction))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
