package ru.openkassa.core.multifiscal;

import java.util.Optional;
import ru.openkassa.core.validation.InnCheck;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * An entity's ИНН must pass the FNS check: it becomes tag 1018 of a receipt and must match the
 * ИНН in that register's fiscal drive, so a typo here is a receipt the register refuses later.
 */
final class EntityInnRule {

    private EntityInnRule() {
    }

    static Optional<Violation> check(String path, String inn) {
        if (inn == null || inn.isBlank()) {
            return Optional.of(ViolationCode.REQUIRED.at(path));
        }
        Phrase problem = switch (InnCheck.of(inn)) {
            case VALID -> null;
            case WRONG_LENGTH -> Phrase.of("нужно 10 или 12 цифр", "10 or 12 digits expected");
            case NOT_DIGITS -> Phrase.of("только цифры", "digits only");
            case WRONG_CHECKSUM -> Phrase.of("не сходится контрольное число", "check digit does not match");
        };
        return Optional.ofNullable(problem).map(detail -> ViolationCode.BAD_INN.at(path, detail));
    }
}
