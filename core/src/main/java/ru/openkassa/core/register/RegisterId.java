package ru.openkassa.core.register;

import java.util.Optional;

/**
 * The register ID the server issues and a person types on the register's keypad when binding it:
 * ten digits, nine from a sequence and a Luhn check digit. Luhn catches every single wrong digit
 * and every swap of two neighbouring digits except 0↔9 ("09" and "90" give the same sum, the
 * algorithm's known blind spot); a mistyped ID is refused on the spot instead of binding the
 * register to someone else's account.
 */
public record RegisterId(String digits) {

    public static final int LENGTH = 10;
    public static final long MAX_SEQUENCE = 999_999_999L;

    /** Why a typed text is not a register ID; stable codes for the device API's errors. */
    public enum Problem {
        WRONG_LENGTH,
        NOT_DIGITS,
        BAD_CHECK_DIGIT
    }

    public RegisterId {
        Optional<Problem> problem = problemWith(digits);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a register ID (" + problem.get() + "): " + digits);
        }
    }

    /** The ID for a sequence value: zero-padded to nine digits, then the check digit. */
    public static RegisterId issue(long sequenceValue) {
        if (sequenceValue < 0 || sequenceValue > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence value out of 0..999999999: " + sequenceValue);
        }
        String payload = String.format("%09d", sequenceValue);
        return new RegisterId(payload + checkDigit(payload));
    }

    /** The ID in the text, surrounding blanks ignored; empty when it is not one. */
    public static Optional<RegisterId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        return problemWith(trimmed).isEmpty() ? Optional.of(new RegisterId(trimmed)) : Optional.empty();
    }

    /** What is wrong with the text as a register ID, checked in the order a person can fix it. */
    public static Optional<Problem> problemWith(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.of(Problem.WRONG_LENGTH);
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Problem.NOT_DIGITS);
        }
        if (checkDigit(text.substring(0, LENGTH - 1)) != text.charAt(LENGTH - 1)) {
            return Optional.of(Problem.BAD_CHECK_DIGIT);
        }
        return Optional.empty();
    }

    /** The sequence value the ID was issued for. */
    public long sequenceValue() {
        return Long.parseLong(digits.substring(0, LENGTH - 1));
    }

    @Override
    public String toString() {
        return digits;
    }

    /**
     * Luhn (ISO/IEC 7812-1): from the right of the payload, every other digit starting with the
     * rightmost is doubled (minus 9 when above 9); the check digit brings the sum to a multiple of 10.
     */
    static char checkDigit(String payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
