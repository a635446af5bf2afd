package ru.openkassa.core.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.openkassa.core.register.RegisterId.Problem;

class RegisterIdTest {

    private static final List<RegisterId> SAMPLES = List.of(
            RegisterId.issue(0), RegisterId.issue(1), RegisterId.issue(799_273_987), RegisterId.issue(123_456_789),
            RegisterId.issue(900_909_090), RegisterId.issue(RegisterId.MAX_SEQUENCE));

    @Test
    void usesTheLuhnCheckDigit() {
        // The ISO/IEC 7812-1 (Wikipedia "Luhn algorithm") example: payload 7992739871 has check digit 3.
        assertThat(RegisterId.checkDigit("7992739871")).isEqualTo('3');
    }

    @Test
    void isTenDigitsZeroPaddedFromTheSequence() {
        assertThat(RegisterId.issue(1).toString()).isEqualTo("0000000018");
        assertThat(RegisterId.issue(0).toString()).isEqualTo("0000000000");
        assertThat(RegisterId.issue(123_456_789).toString()).hasSize(10).startsWith("123456789");
        assertThat(RegisterId.issue(42).sequenceValue()).isEqualTo(42);
    }

    @Test
    void sequenceMustFitNineDigits() {
        assertThatThrownBy(() -> RegisterId.issue(1_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterId.issue(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWhatItIssues() {
        for (RegisterId id : SAMPLES) {
            assertThat(RegisterId.parse(id.toString())).contains(id);
        }
        assertThat(RegisterId.parse(" 0000000018 \n")).contains(RegisterId.issue(1));
    }

    @Test
    void saysWhatIsWrongWithATypedId() {
        assertThat(RegisterId.problemWith("000000001")).contains(Problem.WRONG_LENGTH);
        assertThat(RegisterId.problemWith("00000000188")).contains(Problem.WRONG_LENGTH);
        assertThat(RegisterId.problemWith(null)).contains(Problem.WRONG_LENGTH);
        assertThat(RegisterId.problemWith("00000000I8")).contains(Problem.NOT_DIGITS);
        assertThat(RegisterId.problemWith("000000001٨")).contains(Problem.NOT_DIGITS);
        assertThat(RegisterId.problemWith("0000000017")).contains(Problem.BAD_CHECK_DIGIT);
        assertThat(RegisterId.problemWith("0000000018")).isEmpty();
        assertThat(RegisterId.parse("0000000017")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000017", "12345", "abcdefghij"})
    void refusesToConstructAnInvalidId(String text) {
        assertThatThrownBy(() -> new RegisterId(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catchesEverySingleWrongDigit() {
        for (RegisterId id : SAMPLES) {
            char[] digits = id.toString().toCharArray();
            for (int position = 0; position < digits.length; position++) {
                for (char wrong = '0'; wrong <= '9'; wrong++) {
                    if (wrong == digits[position]) {
                        continue;
                    }
                    char[] typed = digits.clone();
                    typed[position] = wrong;
                    assertThat(RegisterId.problemWith(new String(typed)))
                            .as("%s with %c at %d", id, wrong, position).contains(Problem.BAD_CHECK_DIGIT);
                }
            }
        }
    }

    /**
     * Every swap of two different neighbouring digits is caught, except 0↔9: doubling maps 0 to 0
     * and 9 to 9 (18 − 9), so "09" and "90" add up the same. Luhn's known blind spot.
     */
    @Test
    void catchesEverySwapOfNeighboursExceptZeroAndNine() {
        for (long sequence = 0; sequence < 100_000; sequence += 7) {
            String id = RegisterId.issue(sequence * 9_901 % (RegisterId.MAX_SEQUENCE + 1)).toString();
            for (int i = 0; i + 1 < id.length(); i++) {
                char a = id.charAt(i);
                char b = id.charAt(i + 1);
                if (a == b) {
                    continue;
                }
                String swapped = id.substring(0, i) + b + a + id.substring(i + 2);
                Optional<Problem> problem = RegisterId.problemWith(swapped);
                if ((a == '0' && b == '9') || (a == '9' && b == '0')) {
                    assertThat(problem).as("Luhn misses %s → %s", id, swapped).isEmpty();
                } else {
                    assertThat(problem).as("%s → %s", id, swapped).contains(Problem.BAD_CHECK_DIGIT);
                }
            }
        }
    }
}
