package ru.openkassa.core.validation;

/**
 * The FNS check of an ИНН: 10 digits for an organisation (one check digit), 12 for a person
 * or an individual entrepreneur (two check digits). Each check digit is the weighted sum of
 * the digits before it, mod 11, mod 10 (приказ ФНС об учете налогоплательщиков).
 */
public enum InnCheck {
    VALID,
    WRONG_LENGTH,
    NOT_DIGITS,
    WRONG_CHECKSUM;

    private static final int[] WEIGHTS_10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] WEIGHTS_11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] WEIGHTS_12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    public static InnCheck of(String inn) {
        if (inn.length() != 10 && inn.length() != 12) {
            return WRONG_LENGTH;
        }
        for (int i = 0; i < inn.length(); i++) {
            char c = inn.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_DIGITS;
            }
        }
        boolean valid = inn.length() == 10
                ? checkDigit(inn, WEIGHTS_10) == digit(inn, 9)
                : checkDigit(inn, WEIGHTS_11) == digit(inn, 10) && checkDigit(inn, WEIGHTS_12) == digit(inn, 11);
        return valid ? VALID : WRONG_CHECKSUM;
    }

    public static boolean isValid(String inn) {
        return of(inn) == VALID;
    }

    private static int checkDigit(String inn, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digit(inn, i);
        }
        return sum % 11 % 10;
    }

    private static int digit(String inn, int index) {
        return inn.charAt(index) - '0';
    }
}
