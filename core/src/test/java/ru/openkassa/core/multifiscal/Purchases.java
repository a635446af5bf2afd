package ru.openkassa.core.multifiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.receipt.Item;
import ru.openkassa.core.receipt.PaymentMethod;
import ru.openkassa.core.receipt.PaymentObject;
import ru.openkassa.core.receipt.VatRate;
import ru.openkassa.core.validation.Violation;

/** Purchases for the tests: three legal entities with valid ИНН and their terminals. */
final class Purchases {

    static final String A = "7701011525";
    static final String B = "7802449393";
    static final String C = "5003092665";
    static final String D = "6601858789";

    /** Valid 10-digit ИНН the generated purchases draw their entities from. */
    static final List<String> INNS = List.of(A, B, C, D, "5404400571", "1655566825", "2310823304", "7810252288");

    private Purchases() {
    }

    static Money rub(String roubles) {
        return Money.parse(new BigDecimal(roubles));
    }

    static PurchaseItem line(String inn, String sum) {
        return line(inn, sum, "1");
    }

    static PurchaseItem line(String inn, String price, String quantity) {
        Quantity q = Quantity.parse(new BigDecimal(quantity));
        Money p = rub(price);
        return new PurchaseItem(inn, Item.of("Товар " + inn.substring(0, 4), p, q, p.times(q),
                PaymentMethod.FULL_PAYMENT, PaymentObject.COMMODITY, VatRate.VAT22));
    }

    /** Each entity its own terminal of its own bank. */
    static List<Terminal> ownTerminals(String... inns) {
        return Arrays.stream(inns).map(inn -> Terminal.ofEntity("T" + inn, "Банк " + inn, inn)).toList();
    }

    static Terminal sberbank() {
        return Terminal.shared("10293847", "Сбербанк");
    }

    /** A 300.00, B 1000.00, C 700.00: the reading of the seed. */
    static List<PurchaseItem> seedLines() {
        return List.of(line(A, "300.00"), line(B, "1000.00"), line(C, "700.00"));
    }

    static SplitPurchase split(Purchase purchase) {
        SplitResult result = new PurchaseSplitter().split(purchase);
        assertThat(result).isInstanceOf(SplitResult.Split.class);
        return ((SplitResult.Split) result).purchase();
    }

    static List<Violation> refusal(Purchase purchase) {
        SplitResult result = new PurchaseSplitter().split(purchase);
        assertThat(result).isInstanceOf(SplitResult.Refused.class);
        return ((SplitResult.Refused) result).violations();
    }
}
