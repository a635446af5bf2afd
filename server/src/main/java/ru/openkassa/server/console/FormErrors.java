package ru.openkassa.server.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ru.openkassa.server.fleet.FieldProblem;

/** The fleet's problems with a form, as the page shows them: by form field, with the message key. */
final class FormErrors {

    private FormErrors() {
    }

    /** {@code payment_address} of the fleet is {@code paymentAddress} in the forms. */
    static Map<String, String> of(List<FieldProblem> problems, String kind) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            errors.putIfAbsent(camel(problem.field()), problem.messageKey(kind));
        }
        return errors;
    }

    private static String camel(String field) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
