package ru.openkassa.core.receipt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;
import ru.openkassa.core.money.Money;

/**
 * VAT rate of an item or a receipt total ({@code vat.type}, {@code vats[].type}); tag 1199.
 *
 * <p>Tag 1199 values: 1 basic rate, 2 10%, 3 basic calculated rate, 4 10/110, 5 0%, 6 без НДС
 * (FFD 1.05); 7 5%, 8 7%, 9 5/105, 10 7/107 (FFD 1.2 additions of 2025 for УСН payers, the
 * same numbers OrangeData uses). <b>Uncertain:</b> for 22% and 22/122 (from 01.01.2026,
 * law 425-ФЗ) we reuse 1 and 3, as FNS did when 18% became 20% in 2019 (values 1 and 3 were
 * renamed, not added); YooKassa's new codes 11/12 are its own API codes, not tag 1199.
 * Re-check against FNS order ЕД-7-20/1050@ before the TLV codec depends on it.
 */
public enum VatRate {
    NONE("none", 0, false, 6, null),
    VAT0("vat0", 0, false, 5, null),
    VAT5("vat5", 5, false, 7, null),
    VAT7("vat7", 7, false, 8, null),
    VAT10("vat10", 10, false, 2, null),
    /** Abolished: 20% from 01.01.2019. */
    VAT18("vat18", 18, false, 1, LocalDate.of(2019, 1, 1)),
    /** Abolished: 22% from 01.01.2026 (law 425-ФЗ of 28.11.2025). */
    VAT20("vat20", 20, false, 1, LocalDate.of(2026, 1, 1)),
    VAT22("vat22", 22, false, 1, null),
    VAT105("vat105", 5, true, 9, null),
    VAT107("vat107", 7, true, 10, null),
    VAT110("vat110", 10, true, 4, null),
    VAT118("vat118", 18, true, 3, LocalDate.of(2019, 1, 1)),
    VAT120("vat120", 20, true, 3, LocalDate.of(2026, 1, 1)),
    VAT122("vat122", 22, true, 3, null);

    public static final int TAG = 1199;

    private final String atolName;
    private final int percent;
    private final boolean calculated;
    private final int tag1199;
    private final LocalDate retiredFrom;

    VatRate(String atolName, int percent, boolean calculated, int tag1199, LocalDate retiredFrom) {
        this.atolName = atolName;
        this.percent = percent;
        this.calculated = calculated;
        this.tag1199 = tag1199;
        this.retiredFrom = retiredFrom;
    }

    public String atolName() {
        return atolName;
    }

    public static Optional<VatRate> fromAtolName(String name) {
        for (VatRate rate : values()) {
            if (rate.atolName.equals(name)) {
                return Optional.of(rate);
            }
        }
        return Optional.empty();
    }

    /** The rate in percent; 0 for both {@link #NONE} and {@link #VAT0}. */
    public int percent() {
        return percent;
    }

    /** A calculated rate (x/1xx), used when the sum already includes VAT, e.g. for prepayments. */
    public boolean isCalculated() {
        return calculated;
    }

    public int tag1199() {
        return tag1199;
    }

    /** The first day this rate may no longer be used on a settlement, if it was abolished. */
    public Optional<LocalDate> retiredFrom() {
        return Optional.ofNullable(retiredFrom);
    }

    public boolean isRetiredOn(LocalDate settlementDate) {
        return retiredFrom != null && !settlementDate.isBefore(retiredFrom);
    }

    /**
     * VAT contained in a sum that includes it: sum × rate / (100 + rate), rounded half-up to
     * kopecks. Receipt sums always include VAT, so 22% and 22/122 give the same amount.
     */
    public Money vatOf(Money sumWithVat) {
        if (percent == 0) {
            return Money.ZERO;
        }
        BigDecimal vat = BigDecimal.valueOf(sumWithVat.kopecks())
                .multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100L + percent), 0, RoundingMode.HALF_UP);
        return Money.ofKopecks(vat.longValueExact());
    }
}
