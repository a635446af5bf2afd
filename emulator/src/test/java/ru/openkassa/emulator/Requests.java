package ru.openkassa.emulator;

import java.nio.charset.StandardCharsets;
import ru.openkassa.core.atol.AtolRequestReader;
import ru.openkassa.core.atol.ReadResult;
import ru.openkassa.core.receipt.AtolVersion;
import ru.openkassa.core.receipt.FiscalDocument;
import ru.openkassa.core.receipt.Operation;

/** Store requests as the server hands them to a register in a task's {@code request}. */
public final class Requests {

    public static final String INN = "5544332219";

    private Requests() {
    }

    /** An ATOL v5 sell of 600.00 (two teas at 300.00, no VAT), paid electronically. */
    public static String sell(String externalId, String inn, String sno) {
        return """
                {"external_id": "%s",
                 "timestamp": "24.11.2026 12:00:00",
                 "receipt": {
                   "client": {"email": "buyer@example.com"},
                   "company": {"email": "shop@example.com", "sno": "%s", "inn": "%s",
                               "payment_address": "https://shop.example"},
                   "items": [
                     {"name": "Чай чёрный", "price": 300.00, "quantity": 2, "measure": 0, "sum": 600.00,
                      "payment_method": "full_payment", "payment_object": 1, "vat": {"type": "none"}}
                   ],
                   "payments": [{"type": 1, "sum": 600.00}],
                   "total": 600.00,
                   "cashier": "Петрова М. И."
                 }}
                """.formatted(externalId, sno, inn);
    }

    public static String sell(String externalId) {
        return sell(externalId, INN, "usn_income");
    }

    /** The model of {@link #sell(String)}, as the register reads it. */
    public static FiscalDocument sellDocument() {
        ReadResult read = new AtolRequestReader().read(sell("order-1").getBytes(StandardCharsets.UTF_8),
                AtolVersion.V5, Operation.SELL);
        if (!(read instanceof ReadResult.Accepted accepted)) {
            throw new AssertionError("the test request is not valid: " + read);
        }
        return accepted.request().document();
    }
}
