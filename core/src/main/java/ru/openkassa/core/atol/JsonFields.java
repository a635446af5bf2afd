package ru.openkassa.core.atol;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import ru.openkassa.core.atol.JsonTree.Obj;
import ru.openkassa.core.money.Money;
import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * Typed reads from a {@link JsonTree} that never throw: a field that is absent (or JSON null) reads
 * as null, a field that cannot be read is recorded as a violation at its path and reads as
 * null too, so that the rest of the document is still checked.
 */
final class JsonFields {

    /** ATOL's date format; STRICT so that 31.02 is refused instead of becoming 28.02. */
    static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private static final Phrase A_STRING = Phrase.of("ожидается строка", "a string expected");
    private static final Phrase A_NUMBER = Phrase.of("ожидается число", "a number expected");
    private static final Phrase A_BOOLEAN = Phrase.of("ожидается true или false", "true or false expected");
    private static final Phrase AN_OBJECT = Phrase.of("ожидается объект", "an object expected");
    private static final Phrase AN_ARRAY = Phrase.of("ожидается массив", "an array expected");

    /**
     * A JSON object (or, for a broken element, nothing) and where it is in the request. The path
     * is spelled out only when a violation names it: most requests have none.
     */
    static final class At {
        private final Object node;
        private final At parent;
        private final String name;
        private final int index;
        private String path;

        private At(Object node, At parent, String name, int index) {
            this.node = node;
            this.parent = parent;
            this.name = name;
            this.index = index;
        }

        static At root(Obj node) {
            return new At(node, null, null, -1);
        }

        /** The member {@code name} of this object; {@code node} null when it is absent or broken. */
        At member(String name, Object node) {
            return new At(node, this, name, -1);
        }

        At element(int index, Object node) {
            return new At(node, this, null, index);
        }

        Object node() {
            return node;
        }

        String path() {
            if (path == null) {
                path = parent == null ? "" : index >= 0 ? parent.path() + "[" + index + "]" : parent.pathOf(name);
            }
            return path;
        }

        String pathOf(String name) {
            String here = path();
            return here.isEmpty() ? name : here + "." + name;
        }

        /** The member's value; null when it is absent, JSON null, or this is no object. */
        Object get(String name) {
            return node instanceof Obj object ? object.get(name) : null;
        }

        boolean has(String name) {
            return get(name) != null;
        }

        /** Whether a missing child is worth reporting: not when this object itself is broken or absent. */
        boolean lacks(String name) {
            return node != null && get(name) == null;
        }
    }

    private final List<Violation> found = new ArrayList<>();

    List<Violation> violations() {
        return found;
    }

    void add(Violation violation) {
        found.add(violation);
    }

    At object(At parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Obj)) {
            found.add(ViolationCode.WRONG_TYPE.at(parent.pathOf(name), AN_OBJECT));
            return parent.member(name, null);
        }
        return parent.member(name, value);
    }

    /** Elements that are not objects are reported and kept as empty placeholders, so indexes stay. */
    List<At> objects(At parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            found.add(ViolationCode.WRONG_TYPE.at(parent.pathOf(name), AN_ARRAY));
            return null;
        }
        At array = parent.member(name, value);
        List<At> elements = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element instanceof Obj) {
                elements.add(array.element(i, element));
            } else {
                At broken = array.element(i, null);
                found.add(ViolationCode.WRONG_TYPE.at(broken.path(), AN_OBJECT));
                elements.add(broken);
            }
        }
        return elements;
    }

    String string(At parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String string)) {
            found.add(ViolationCode.WRONG_TYPE.at(parent.pathOf(name), A_STRING));
            return null;
        }
        return string;
    }

    /** Strings of an array; a non-string element is reported and kept as "" so indexes stay. */
    List<String> strings(At parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return null;
        }
        String path = parent.pathOf(name);
        if (!(value instanceof List<?> list)) {
            found.add(ViolationCode.WRONG_TYPE.at(path, AN_ARRAY));
            return null;
        }
        List<String> strings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String string) {
                strings.add(string);
            } else {
                found.add(ViolationCode.WRONG_TYPE.at(path + "[" + i + "]", A_STRING));
                strings.add("");
            }
        }
        return strings;
    }

    Boolean bool(At parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean bool)) {
            found.add(ViolationCode.WRONG_TYPE.at(parent.pathOf(name), A_BOOLEAN));
            return null;
        }
        return bool;
    }

    /** Money from a JSON number; "100.00" as a string is a wrong type, as in ATOL's schema. */
    Money money(At parent, String name) {
        BigDecimal value = number(parent, name);
        if (value == null) {
            return null;
        }
        // stripping zeros only lowers the scale: 100.50 needs no look
        if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            found.add(ViolationCode.FRACTIONAL_DIGITS.at(parent.pathOf(name),
                    Phrase.of("не больше 2 знаков после запятой", "at most 2 fractional digits")));
            return null;
        }
        try {
            return Money.parse(value);
        } catch (ArithmeticException tooLarge) {
            found.add(ViolationCode.OUT_OF_RANGE.at(parent.pathOf(name),
                    Phrase.of("от 0 до " + Money.MAX_FISCAL, "0 to " + Money.MAX_FISCAL)));
            return null;
        }
    }

    Quantity quantity(At parent, String name) {
        BigDecimal value = number(parent, name);
        if (value == null) {
            return null;
        }
        if (value.scale() > 3 && value.stripTrailingZeros().scale() > 3) {
            found.add(ViolationCode.FRACTIONAL_DIGITS.at(parent.pathOf(name),
                    Phrase.of("не больше 3 знаков после запятой", "at most 3 fractional digits")));
            return null;
        }
        if (value.signum() <= 0) {
            found.add(ViolationCode.NOT_POSITIVE.at(parent.pathOf(name)));
            return null;
        }
        if (value.compareTo(Quantity.MAX.toBigDecimal()) > 0) {
            found.add(ViolationCode.OUT_OF_RANGE.at(parent.pathOf(name),
                    Phrase.of("не больше " + Quantity.MAX, "at most " + Quantity.MAX)));
            return null;
        }
        return Quantity.parse(value);
    }

    /** A whole number, e.g. a numerator; 1.0 counts as whole, as JSON schema would have it. */
    Long whole(At parent, String name) {
        BigDecimal value = number(parent, name);
        if (value == null) {
            return null;
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException notWhole) {
            found.add(ViolationCode.WRONG_TYPE.at(parent.pathOf(name),
                    Phrase.of("ожидается целое число", "a whole number expected")));
            return null;
        }
    }

    /** A value of an enumeration given by its ATOL string. */
    <E> E named(At parent, String name, Function<String, Optional<E>> lookup) {
        String value = string(parent, name);
        if (value == null) {
            return null;
        }
        Optional<E> known = lookup.apply(value);
        if (known.isEmpty()) {
            found.add(unknown(parent.pathOf(name), value));
        }
        return known.orElse(null);
    }

    /** A value of an enumeration given by its numeric code. */
    <E> E coded(At parent, String name, IntFunction<Optional<E>> lookup) {
        BigDecimal value = number(parent, name);
        if (value == null) {
            return null;
        }
        Optional<E> known;
        try {
            known = lookup.apply(value.stripTrailingZeros().intValueExact());
        } catch (ArithmeticException notWhole) {
            known = Optional.empty();
        }
        if (known.isEmpty()) {
            found.add(unknown(parent.pathOf(name), value.toPlainString()));
        }
        return known.orElse(null);
    }

    LocalDateTime timestamp(At parent, String name) {
        String value = string(parent, name);
        if (value == null) {
            return null;
        }
        try {
            return parseTimestamp(value);
        } catch (DateTimeException e) {
            found.add(ViolationCode.BAD_DATE.at(parent.pathOf(name), Phrase.of(
                    "ожидается существующая дата в формате дд.ММ.гггг чч:мм:сс",
                    "an existing date as dd.MM.yyyy HH:mm:ss expected")));
            return null;
        }
    }

    LocalDate date(At parent, String name) {
        String value = string(parent, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            found.add(ViolationCode.BAD_DATE.at(parent.pathOf(name), Phrase.of(
                    "ожидается существующая дата в формате дд.ММ.гггг",
                    "an existing date as dd.MM.yyyy expected")));
            return null;
        }
    }

    private BigDecimal number(At parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof BigDecimal number)) {
            found.add(ViolationCode.WRONG_TYPE.at(parent.pathOf(name), A_NUMBER));
            return null;
        }
        return number;
    }

    /**
     * ATOL's {@code dd.MM.yyyy HH:mm:ss}, read by hand: every receipt has one, and DateTimeFormatter's
     * general parser (a map of fields, then resolving) cost more than the rest of the request's
     * dates and numbers together. {@link LocalDateTime#of} refuses 31.02 and 24:00 as STRICT does.
     */
    static LocalDateTime parseTimestamp(String value) {
        if (value.length() != 19 || value.charAt(2) != '.' || value.charAt(5) != '.' || value.charAt(10) != ' '
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            throw new DateTimeException("not dd.MM.yyyy HH:mm:ss: " + value);
        }
        return LocalDateTime.of(digits(value, 6, 4), digits(value, 3, 2), digits(value, 0, 2),
                digits(value, 11, 2), digits(value, 14, 2), digits(value, 17, 2));
    }

    private static int digits(String value, int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a digit at " + i + ": " + value);
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    static Violation unknown(String path, String value) {
        return ViolationCode.UNKNOWN_VALUE.at(path, Phrase.of("«" + value + "»", "\"" + value + "\""));
    }
}
