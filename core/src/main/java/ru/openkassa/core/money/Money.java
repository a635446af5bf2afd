package ru.openkassa.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * An amount of roubles held as whole kopecks, so that no sum on a receipt is ever a binary
 * fraction. May be negative (a difference); fiscal fields themselves are checked to be
 * {@code 0..}{@link #MAX_FISCAL} by the receipt validator.
 */
public record Money(long kopecks) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /**
     * 42 949 672.95: the largest price, sum or total ATOL Online accepts (2^32 − 1 kopecks,
     * the four-byte VLN of the fiscal drive).
     */
    public static final Money MAX_FISCAL = new Money(4_294_967_295L);

    public static Money ofKopecks(long kopecks) {
        return new Money(kopecks);
    }

    /**
     * Exact conversion from roubles. Trailing zeros are fine ({@code 300.000}), a third
     * significant fractional digit is not: it would have to be rounded, and rounding money is
     * the merchant's decision, not ours.
     *
     * @throws ArithmeticException with more than two fractional digits or beyond {@code long}
     */
    public static Money parse(BigDecimal roubles) {
        BigDecimal exact = roubles.stripTrailingZeros();
        if (exact.scale() > 2) {
            throw new ArithmeticException("more than 2 fractional digits: " + roubles.toPlainString());
        }
        return new Money(exact.movePointRight(2).longValueExact());
    }

    public static Money sum(Collection<Money> amounts) {
        long total = 0;
        for (Money amount : amounts) {
            total = Math.addExact(total, amount.kopecks);
        }
        return new Money(total);
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(kopecks, 2);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(kopecks, other.kopecks));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(kopecks, other.kopecks));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(kopecks, factor));
    }

    /** Price × quantity rounded half-up to kopecks, the way a register computes tag 1043. */
    public Money times(Quantity quantity) {
        BigDecimal product = BigDecimal.valueOf(kopecks)
                .multiply(BigDecimal.valueOf(quantity.thousandths()))
                .divide(BigDecimal.valueOf(Quantity.SCALE_FACTOR), 0, RoundingMode.HALF_UP);
        return new Money(product.longValueExact());
    }

    public Money abs() {
        return kopecks < 0 ? new Money(Math.negateExact(kopecks)) : this;
    }

    public boolean isNegative() {
        return kopecks < 0;
    }

    public boolean isGreaterThan(Money other) {
        return kopecks > other.kopecks;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(kopecks, other.kopecks);
    }

    /** Roubles with exactly two decimals: {@code "123.45"}, {@code "-0.50"}. */
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
