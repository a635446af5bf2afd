package ru.openkassa.core.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.openkassa.core.multifiscal.Purchases.A;
import static ru.openkassa.core.multifiscal.Purchases.B;
import static ru.openkassa.core.multifiscal.Purchases.C;
import static ru.openkassa.core.multifiscal.Purchases.rub;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.openkassa.core.atol.AtolReceiptWriter;
import ru.openkassa.core.atol.AtolRequestReader;
import ru.openkassa.core.atol.ReadResult;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.Client;
import ru.openkassa.core.receipt.Company;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.Measure;
import ru.openkassa.core.receipt.Operation;
import ru.openkassa.core.receipt.Payment;
import ru.openkassa.core.receipt.PaymentType;
import ru.openkassa.core.receipt.TaxSystem;

/** Each entity's share is a receipt its register reads from ATOL v5 JSON exactly as the split made it. */
class EntityDocumentTest {

    private static final Client BUYER = new Client("buyer@example.ru", null, null, null);
    private static final LocalDateTime PAID = LocalDateTime.of(2026, 11, 24, 12, 0, 5);

    private final AtolReceiptWriter writer = new AtolReceiptWriter();
    private final AtolRequestReader reader = new AtolRequestReader();

    private static Company company(String inn) {
        return new Company("chek@shop.example", TaxSystem.OSN, inn, "https://shop.example", null);
    }

    /** A v5 line needs its measure (2108); the split does not care, the register does. */
    private static PurchaseItem v5(PurchaseItem line) {
        Item i = line.item();
        return new PurchaseItem(line.entityInn(), new Item(i.name(), i.price(), i.quantity(), Measure.PIECE, null, i.sum(),
                i.paymentMethod(), i.paymentObject(), i.vat(), null, null, null, null, null, null, null, null, null));
    }

    private FiscalDocument readBack(FiscalDocument document) {
        String json = writer.write("child-" + document.company().inn(), PAID, null, document);
        ReadResult result = reader.read(json.getBytes(StandardCharsets.UTF_8), AtolVersion.V5, document.operation());
        assertThat(result).as(result.toString()).isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) result).request().document();
    }

    @Test
    void everyEntityReceiptOfTheCashFirstExampleReadsBackWithItsOwnLinesAndPayments() {
        SplitPurchase sale = Purchases.split(new Purchase(Purchases.seedLines().stream().map(EntityDocumentTest::v5).toList(),
                List.of(Tender.cash(rub("800.00")), Tender.card(rub("1200.00"))), Purchases.ownTerminals(A, B, C)));
        Map<String, List<Payment>> expected = Map.of(
                A, List.of(new Payment(PaymentType.CASH, rub("300.00"))),
                C, List.of(new Payment(PaymentType.CASH, rub("500.00")), new Payment(PaymentType.ELECTRONIC, rub("200.00"))),
                B, List.of(new Payment(PaymentType.ELECTRONIC, rub("1000.00"))));
        for (EntityReceipt receipt : sale.receipts()) {
            FiscalDocument document = receipt.document(company(receipt.entityInn()), BUYER);
            FiscalDocument read = readBack(document);
            assertThat(read).isEqualTo(document);
            assertThat(read.operation()).isEqualTo(Operation.SELL);
            assertThat(read.payments()).isEqualTo(expected.get(receipt.entityInn()));
            assertThat(read.items()).isEqualTo(receipt.items());
        }
    }

    @Test
    void aPartialRefundReadsBackAsASellRefundOfTheReturnedQuantity() {
        SplitPurchase sale = Purchases.split(new Purchase(List.of(v5(Purchases.line(A, "100.00", "3")), v5(Purchases.line(B, "50.00"))),
                List.of(Tender.cash(rub("350.00"))), List.of()));
        RefundResult planned = new RefundPlanner().plan(sale, List.of(), List.of(new RefundLine(0, Quantity.of(1))));
        EntityRefund refund = ((RefundResult.Planned) planned).refund().receipts().getFirst();
        FiscalDocument document = refund.document(company(A), BUYER);
        FiscalDocument read = readBack(document);
        assertThat(read).isEqualTo(document);
        assertThat(read.operation()).isEqualTo(Operation.SELL_REFUND);
        assertThat(read.total()).isEqualTo(rub("100.00"));
        assertThat(read.items().getFirst().quantity()).isEqualTo(Quantity.of(1));
    }
}
