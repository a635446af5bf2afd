package ru.openkassa.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static Money rub(String value) {
        return Money.parse(new BigDecimal(value));
    }

    @Test
    void parsesTwoFractionalDigitsExactly() {
        assertThat(rub("123.45").kopecks()).isEqualTo(12_345);
        assertThat(rub("0.01").kopecks()).isEqualTo(1);
        assertThat(rub("7").kopecks()).isEqualTo(700);
    }

    @Test
    void trailingZerosAreNotPrecision() {
        assertThat(rub("300.000")).isEqualTo(rub("300"));
        assertThat(rub("1E+2")).isEqualTo(Money.ofKopecks(10_000));
    }

    @Test
    void refusesAThirdSignificantFractionalDigit() {
        assertThatThrownBy(() -> rub("0.001")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> rub("123.455")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesAmountsBeyondLong() {
        assertThatThrownBy(() -> rub("1e30")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void tenthsAddUpWithoutBinaryError() {
        assertThat(rub("0.1").plus(rub("0.2"))).isEqualTo(rub("0.3"));
        assertThat(Money.sum(List.of(rub("0.1"), rub("0.2"), rub("0.3")))).isEqualTo(rub("0.6"));
    }

    @Test
    void printsRoublesWithTwoDecimals() {
        assertThat(rub("123.45")).hasToString("123.45");
        assertThat(rub("5")).hasToString("5.00");
        assertThat(Money.ofKopecks(-50)).hasToString("-0.50");
        assertThat(Money.MAX_FISCAL).hasToString("42949672.95");
    }

    @Test
    void convertsBackToABigDecimalOfScaleTwo() {
        assertThat(rub("300").toBigDecimal()).isEqualByComparingTo("300").extracting(BigDecimal::scale).isEqualTo(2);
    }

    @Test
    void priceTimesQuantityIsRoundedHalfUpToKopecks() {
        assertThat(rub("1000.00").times(Quantity.parse(new BigDecimal("0.3")))).isEqualTo(rub("300.00"));
        assertThat(rub("1.50").times(Quantity.parse(new BigDecimal("0.333")))).isEqualTo(rub("0.50"));
        assertThat(rub("1.50").times(Quantity.parse(new BigDecimal("0.331")))).isEqualTo(rub("0.50"));
        assertThat(rub("0.01").times(Quantity.parse(new BigDecimal("0.499")))).isEqualTo(Money.ZERO);
        assertThat(rub("0.01").times(Quantity.parse(new BigDecimal("0.5")))).isEqualTo(rub("0.01"));
        assertThat(Money.MAX_FISCAL.times(Quantity.MAX)).isEqualTo(Money.ofKopecks(429_496_725_205_033L));
    }

    @Test
    void arithmeticAndOrder() {
        assertThat(rub("10").minus(rub("10.01"))).isEqualTo(Money.ofKopecks(-1));
        assertThat(rub("10").minus(rub("10.01")).abs()).isEqualTo(Money.ofKopecks(1));
        assertThat(rub("2.50").times(3)).isEqualTo(rub("7.50"));
        assertThat(rub("1.00")).isGreaterThan(rub("0.99")).isLessThan(rub("1.01"));
        assertThat(rub("1.00").isGreaterThan(rub("1"))).isFalse();
        assertThat(Money.ofKopecks(-1).isNegative()).isTrue();
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        assertThatThrownBy(() -> Money.ofKopecks(Long.MAX_VALUE).plus(Money.ofKopecks(1)))
                .isInstanceOf(ArithmeticException.class);
    }
}
