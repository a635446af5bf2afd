package ru.openkassa.core.receipt;

import java.util.Optional;

/** Мера количества предмета расчета, tag 2108 (FFD 1.2; ATOL v5 {@code items[].measure}). */
public enum Measure {
    /** Штука или единица; also every item with a marking code. */
    PIECE(0),
    GRAM(10),
    KILOGRAM(11),
    TON(12),
    CENTIMETER(20),
    DECIMETER(21),
    METER(22),
    SQUARE_CENTIMETER(30),
    SQUARE_DECIMETER(31),
    SQUARE_METER(32),
    MILLILITER(40),
    LITER(41),
    CUBIC_METER(42),
    KILOWATT_HOUR(50),
    GIGACALORIE(51),
    DAY(70),
    HOUR(71),
    MINUTE(72),
    SECOND(73),
    KILOBYTE(80),
    MEGABYTE(81),
    GIGABYTE(82),
    TERABYTE(83),
    OTHER(255);

    public static final int TAG = 2108;

    private final int code;

    Measure(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Measure> fromCode(int code) {
        for (Measure measure : values()) {
            if (measure.code == code) {
                return Optional.of(measure);
            }
        }
        return Optional.empty();
    }
}
