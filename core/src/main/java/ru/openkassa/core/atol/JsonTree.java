package ru.openkassa.core.atol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * A request's JSON read in one pass of Jackson's streaming parser into plain values: {@link Obj}
 * for objects, {@link List} for arrays, {@link String}, {@link BigDecimal} (as written: 100.50
 * keeps its scale), {@link Boolean}, and {@code null} for JSON null.
 *
 * <p>Jackson's own tree cost every receipt a node per value and a LinkedHashMap per object, and
 * every read of a field a hash lookup; together a sixth of the intake's CPU (bench/intake.sh). An
 * ATOL object has a dozen members at most: a linear scan is cheaper than a hash table.
 * Duplicate members: the last one wins, as in Jackson's tree.
 */
final class JsonTree {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonTree() {
    }

    /**
     * The document's root value; {@link Absent#EMPTY} for a body without any.
     *
     * @throws JacksonException when the body is not JSON, or has anything after its root value
     */
    static Object read(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Absent.EMPTY;
            }
            Object root = value(parser, first);
            if (parser.nextToken() != null) {
                throw new StreamReadException(parser, "trailing content after the root value");
            }
            return root;
        }
    }

    /** Why there is no root value. */
    enum Absent {
        EMPTY
    }

    private static Object value(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new StreamReadException(parser, "unexpected token " + token);
        };
    }

    private static Obj object(JsonParser parser) {
        Obj object = new Obj();
        String name;
        while ((name = parser.nextName()) != null) {
            object.put(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static List<Object> array(JsonParser parser) {
        List<Object> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            elements.add(value(parser, token));
        }
        return elements;
    }

    /**
     * A JSON object: its members in order, found by a scan of their names' hash codes (each String
     * keeps its own), so that a miss (most optional fields are absent) compares no characters.
     */
    static final class Obj {
        private String[] names = new String[8];
        private int[] hashes = new int[8];
        private Object[] values = new Object[8];
        private int size;

        /** The member's value; null both when it is absent and when it is JSON null. */
        Object get(String name) {
            int i = indexOf(name);
            return i < 0 ? null : values[i];
        }

        int size() {
            return size;
        }

        String name(int index) {
            return names[index];
        }

        Object value(int index) {
            return values[index];
        }

        private int indexOf(String name) {
            int hash = name.hashCode();
            for (int i = 0; i < size; i++) {
                if (hashes[i] == hash && names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private void put(String name, Object value) {
            int i = indexOf(name);
            if (i >= 0) {
                values[i] = value;
                return;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            hashes[size] = name.hashCode();
            values[size++] = value;
        }
    }
}
