package ru.openkassa.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import ru.openkassa.core.money.Money;

class VatRateTest {

    private static Money rub(String value) {
        return Money.parse(new BigDecimal(value));
    }

    @ParameterizedTest(name = "{0} of {1} is {2}")
    @CsvSource({
            "vat22,  122.00, 22.00",
            "vat122, 122.00, 22.00",
            "vat10,  110.00, 10.00",
            "vat110, 110.00, 10.00",
            "vat20,  120.00, 20.00",
            "vat5,   105.00,  5.00",
            "vat107, 107.00,  7.00",
            "vat22,  300.00, 54.10",
            "vat10,  100.00,  9.09",
            "vat20,  300.00, 50.00",
            "vat18,  300.00, 45.76",
            "vat20,    0.05,  0.01",
            "vat22,    0.01,  0.00",
            "none,   100.00,  0.00",
            "vat0,   100.00,  0.00"})
    void vatIncludedInASumIsRateOverHundredPlusRateRoundedHalfUp(String rate, String sum, String vat) {
        assertThat(VatRate.fromAtolName(rate).orElseThrow().vatOf(rub(sum))).isEqualTo(rub(vat));
    }

    @Test
    void calculatedRateGivesTheSameAmountAsItsRate() {
        for (long kopecks = 0; kopecks < 20_000; kopecks += 7) {
            Money sum = Money.ofKopecks(kopecks);
            assertThat(VatRate.VAT122.vatOf(sum)).isEqualTo(VatRate.VAT22.vatOf(sum));
            assertThat(VatRate.VAT110.vatOf(sum)).isEqualTo(VatRate.VAT10.vatOf(sum));
        }
    }

    @Test
    void halfAKopeckRoundsUp() {
        // 0.06 × 10/110 = 0.005454… → 0.01; 0.05 × 10/110 = 0.004545… → 0.00
        assertThat(VatRate.VAT10.vatOf(rub("0.06"))).isEqualTo(rub("0.01"));
        assertThat(VatRate.VAT10.vatOf(rub("0.05"))).isEqualTo(Money.ZERO);
    }

    @Test
    void tag1199Values() {
        assertThat(VatRate.NONE.tag1199()).isEqualTo(6);
        assertThat(VatRate.VAT0.tag1199()).isEqualTo(5);
        assertThat(VatRate.VAT10.tag1199()).isEqualTo(2);
        assertThat(VatRate.VAT110.tag1199()).isEqualTo(4);
        assertThat(VatRate.VAT5.tag1199()).isEqualTo(7);
        assertThat(VatRate.VAT7.tag1199()).isEqualTo(8);
        assertThat(VatRate.VAT105.tag1199()).isEqualTo(9);
        assertThat(VatRate.VAT107.tag1199()).isEqualTo(10);
        // The basic rate keeps values 1 and 3 across 18% → 20% → 22% (22% choice uncertain, see VatRate).
        assertThat(VatRate.VAT22.tag1199()).isEqualTo(VatRate.VAT20.tag1199()).isEqualTo(1);
        assertThat(VatRate.VAT122.tag1199()).isEqualTo(VatRate.VAT120.tag1199()).isEqualTo(3);
    }

    @Test
    void twentyPercentIsRetiredFrom2026AndEighteenFrom2019() {
        assertThat(VatRate.VAT20.isRetiredOn(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(VatRate.VAT20.isRetiredOn(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(VatRate.VAT120.isRetiredOn(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(VatRate.VAT18.isRetiredOn(LocalDate.of(2018, 12, 31))).isFalse();
        assertThat(VatRate.VAT118.isRetiredOn(LocalDate.of(2019, 1, 1))).isTrue();
        assertThat(VatRate.VAT22.isRetiredOn(LocalDate.of(2030, 1, 1))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(VatRate.class)
    void everyRateRoundTripsThroughItsAtolName(VatRate rate) {
        assertThat(VatRate.fromAtolName(rate.atolName())).contains(rate);
    }

    @Test
    void calculatedRatesAreTheXOver1xxOnes() {
        assertThat(VatRate.VAT122.isCalculated()).isTrue();
        assertThat(VatRate.VAT22.isCalculated()).isFalse();
        assertThat(VatRate.VAT122.percent()).isEqualTo(22);
        assertThat(VatRate.fromAtolName("vat23")).isEmpty();
    }
}
