package ru.openkassa.core.atol;

/** Valid requests of our own that the tests break one field at a time. */
final class Receipts {

    private Receipts() {
    }

    /**
     * v5 sell of 400.00: 0.3 kg at 1000.00 with 22% VAT (54.10 = 300.00 × 22/122) and one
     * piece at 100.00 with 10% (9.09), paid electronically, dated after the 2026 VAT change.
     */
    static JsonEdit v5Sell() {
        return JsonEdit.of("""
                {"external_id": "order-17",
                 "timestamp": "01.02.2026 13:45:00",
                 "service": {"callback_url": "https://shop.example/atol-cb"},
                 "receipt": {
                   "client": {"email": "kkt@kkt.ru"},
                   "company": {"email": "chek@shop.example", "sno": "osn", "inn": "5544332219",
                               "payment_address": "https://shop.example"},
                   "items": [
                     {"name": "Колбаса", "price": 1000.00, "quantity": 0.3, "measure": 11, "sum": 300.00,
                      "payment_method": "full_payment", "payment_object": 1,
                      "vat": {"type": "vat22", "sum": 54.10}},
                     {"name": "Яйцо", "price": 100.00, "quantity": 1, "measure": 0, "sum": 100.00,
                      "payment_method": "full_payment", "payment_object": 1,
                      "vat": {"type": "vat10", "sum": 9.09}}
                   ],
                   "payments": [{"type": 1, "sum": 400.00}],
                   "vats": [{"type": "vat22", "sum": 54.10}, {"type": "vat10", "sum": 9.09}],
                   "total": 400.00,
                   "cashier": "Иванова А. А."
                 }}
                """);
    }

    /** The same sale in v4 shape: string payment_object, measurement_unit instead of measure. */
    static JsonEdit v4Sell() {
        return JsonEdit.of("""
                {"external_id": "order-17",
                 "timestamp": "01.02.2026 13:45:00",
                 "receipt": {
                   "client": {"phone": "+79991234567"},
                   "company": {"email": "chek@shop.example", "sno": "usn_income", "inn": "5544332219",
                               "payment_address": "https://shop.example"},
                   "items": [
                     {"name": "Колбаса", "price": 1000.00, "quantity": 0.3, "measurement_unit": "кг", "sum": 300.00,
                      "payment_method": "full_payment", "payment_object": "commodity",
                      "vat": {"type": "vat22"}},
                     {"name": "Яйцо", "price": 100.00, "quantity": 1, "sum": 100.00,
                      "payment_method": "full_payment", "payment_object": "commodity",
                      "vat": {"type": "vat10"}}
                   ],
                   "payments": [{"type": 0, "sum": 400.00}],
                   "total": 400.00
                 }}
                """);
    }

    /** FFD 1.05 correction: no items, sums by payment and VAT only. */
    static JsonEdit v4Correction() {
        return JsonEdit.of("""
                {"external_id": "corr-1",
                 "timestamp": "01.02.2026 13:45:00",
                 "correction": {
                   "company": {"sno": "osn", "inn": "5544332219", "payment_address": "https://shop.example"},
                   "correction_info": {"type": "self", "base_date": "15.01.2026", "base_number": "1"},
                   "payments": [{"type": 1, "sum": 100.00}],
                   "vats": [{"type": "vat22", "sum": 18.03}]
                 }}
                """);
    }

    /** FFD 1.2 correction: a full itemized receipt plus correction_info. */
    static JsonEdit v5Correction() {
        return JsonEdit.of("""
                {"external_id": "corr-2",
                 "timestamp": "01.02.2026 13:45:00",
                 "correction": {
                   "company": {"email": "chek@shop.example", "sno": "osn", "inn": "5544332219",
                               "payment_address": "https://shop.example"},
                   "correction_info": {"type": "self", "base_date": "15.01.2026"},
                   "items": [
                     {"name": "Услуга", "price": 122.00, "quantity": 1, "measure": 0, "sum": 122.00,
                      "payment_method": "full_payment", "payment_object": 4,
                      "vat": {"type": "vat22", "sum": 22.00}}
                   ],
                   "payments": [{"type": 1, "sum": 122.00}],
                   "total": 122.00
                 }}
                """);
    }
}
