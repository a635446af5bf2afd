package ru.openkassa.core.tlv;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * FFD "FVLN": a decimal as one byte with the position of the point counted from the right, then
 * the digits without the point as a VLN; {@code maxLength} counts both. A register writes
 * quantity 1 as {@code 00 01} and 1.5 as {@code 01 0f}: trailing zeros are not kept, so
 * {@link #encode} strips them too, and {@link #decode} gives the scale the bytes carry.
 */
public record Fvln(int maxLength) implements WireType<BigDecimal> {

    /** Quantity, 1023. */
    public static final Fvln QUANTITY = new Fvln(8);

    public Fvln {
        if (maxLength < 2 || maxLength > 9) {
            throw new IllegalArgumentException("FVLN length out of 2..9: " + maxLength);
        }
    }

    @Override
    public byte[] encode(BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("FVLN is unsigned: " + value.toPlainString());
        }
        BigDecimal exact = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (exact.scale() < 0) {
            exact = exact.setScale(0);
        }
        if (exact.scale() > 0xFF) {
            throw new IllegalArgumentException("FVLN point position beyond 255: " + value.toPlainString());
        }
        byte[] digits = new Vln(maxLength - 1).encode(exact.unscaledValue().longValueExact());
        byte[] result = new byte[1 + digits.length];
        result[0] = (byte) exact.scale();
        System.arraycopy(digits, 0, result, 1, digits.length);
        return result;
    }

    @Override
    public BigDecimal decode(byte[] value) {
        TlvFormatException.requireLength(value, 2, maxLength, "FVLN");
        long digits = new Vln(Math.min(8, maxLength - 1)).decode(Arrays.copyOfRange(value, 1, value.length));
        return BigDecimal.valueOf(digits, value[0] & 0xFF);
    }
}
