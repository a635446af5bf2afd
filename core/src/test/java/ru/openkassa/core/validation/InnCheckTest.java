package ru.openkassa.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InnCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "5544332219",   // ATOL Online sandbox company
            "7728168971",   // АО «Альфа-Банк»
            "7707083893",   // ПАО Сбербанк
            "7830002293",
            "7707049388",
            "2310228986",   // from the ATOL v5 example
            "112233445573", // buyer INN of the same example
            "500100732259"})
    void realInnsPass(String inn) {
        assertThat(InnCheck.of(inn)).isEqualTo(InnCheck.VALID);
        assertThat(InnCheck.isValid(inn)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "1234567891,   WRONG_CHECKSUM",
            "5544332218,   WRONG_CHECKSUM",
            "7707083894,   WRONG_CHECKSUM",
            "331122667723, WRONG_CHECKSUM",
            "112233445574, WRONG_CHECKSUM",
            "112233445563, WRONG_CHECKSUM",
            "554433221,    WRONG_LENGTH",
            "55443322190,  WRONG_LENGTH",
            "5544332219000, WRONG_LENGTH",
            "55443322AB,   NOT_DIGITS",
            "５５４４３３２２１９, NOT_DIGITS"})
    void brokenInnsFailWithTheReason(String inn, InnCheck expected) {
        assertThat(InnCheck.of(inn)).isEqualTo(expected);
    }
}
