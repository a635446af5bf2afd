package ru.openkassa.core.money;

import java.math.BigDecimal;

/**
 * Quantity or weight of an item (FFD tag 1023) in thousandths: at most 5 integer and 3
 * fractional digits, 0 to 99 999.999, as ATOL Online and the register accept it.
 * Zero is representable so that the validator can name it; a receipt refuses it.
 */
public record Quantity(long thousandths) implements Comparable<Quantity> {

    static final long SCALE_FACTOR = 1000;

    public static final Quantity ONE = new Quantity(SCALE_FACTOR);
    public static final Quantity MAX = new Quantity(99_999_999L);

    public Quantity {
        if (thousandths < 0 || thousandths > 99_999_999L) {
            throw new IllegalArgumentException("quantity out of 0..99999.999: " + thousandths + "/1000");
        }
    }

    public static Quantity ofThousandths(long thousandths) {
        return new Quantity(thousandths);
    }

    public static Quantity of(long units) {
        return new Quantity(Math.multiplyExact(units, SCALE_FACTOR));
    }

    /**
     * Exact conversion; trailing zeros are fine, a fourth significant fractional digit is not.
     *
     * @throws ArithmeticException with more than three fractional digits
     * @throws IllegalArgumentException when negative or above 99 999.999
     */
    public static Quantity parse(BigDecimal value) {
        BigDecimal exact = value.stripTrailingZeros();
        if (exact.scale() > 3) {
            throw new ArithmeticException("more than 3 fractional digits: " + value.toPlainString());
        }
        if (exact.signum() < 0 || exact.compareTo(MAX.toBigDecimal()) > 0) {
            throw new IllegalArgumentException("quantity out of 0..99999.999: " + value.toPlainString());
        }
        return new Quantity(exact.movePointRight(3).longValueExact());
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(thousandths, 3);
    }

    public boolean isZero() {
        return thousandths == 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(thousandths, other.thousandths);
    }

    /** Without trailing zeros: {@code "1"}, {@code "0.3"}, {@code "99999.999"}. */
    @Override
    public String toString() {
        return thousandths == 0 ? "0" : toBigDecimal().stripTrailingZeros().toPlainString();
    }
}
