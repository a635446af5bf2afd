package ru.openkassa.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantityTest {

    private static Quantity qty(String value) {
        return Quantity.parse(new BigDecimal(value));
    }

    @Test
    void parsesUpToThreeFractionalDigits() {
        assertThat(qty("0.001").thousandths()).isEqualTo(1);
        assertThat(qty("1.1").thousandths()).isEqualTo(1_100);
        assertThat(qty("0.3000")).isEqualTo(qty("0.3"));
    }

    @Test
    void refusesAFourthSignificantFractionalDigit() {
        assertThatThrownBy(() -> qty("0.0001")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void largestQuantityIs99999point999() {
        assertThat(qty("99999.999")).isEqualTo(Quantity.MAX);
        assertThatThrownBy(() -> qty("100000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantity.ofThousandths(100_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeIsRefusedAndZeroIsRepresentable() {
        assertThatThrownBy(() -> qty("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(qty("0").isZero()).isTrue();
    }

    @Test
    void printsWithoutTrailingZeros() {
        assertThat(qty("1.000")).hasToString("1");
        assertThat(qty("0.30")).hasToString("0.3");
        assertThat(Quantity.MAX).hasToString("99999.999");
        assertThat(qty("0")).hasToString("0");
        assertThat(Quantity.of(2).toBigDecimal()).isEqualByComparingTo("2");
    }
}
