package ru.openkassa.core.atol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The request reader's own tree reads what Jackson's tree reads, value for value. */
class JsonTreeTest {

    /** How the reader used Jackson's tree: decimals as written, no zeros stripped. */
    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Test
    void readsEveryKindOfValueAsJacksonsTreeDoes() {
        for (String json : List.of(
                "{}", "[]", "\"x\"", "0", "-1.50", "1e2", "1.0E-3", "123456789012345678901234567890", "true", "null",
                "{\"a\": 1, \"b\": 100.50, \"c\": \"ё «кавычки» \\\" \\\\ \\u0041\", \"d\": [1, \"2\", null, {}, []],"
                        + " \"e\": {\"f\": {\"g\": false}}, \"h\": null}",
                "{\"dup\": 1, \"x\": 2, \"dup\": \"last\"}",
                "{\"a\":[{\"b\":[{\"c\":[0.10, 0.1, 10]}]}]}",
                new String(Receipts.v5Sell().bytes(), StandardCharsets.UTF_8))) {
            assertThat(plain(JsonTree.read(json.getBytes(StandardCharsets.UTF_8))))
                    .as(json).isEqualTo(plain(JACKSON.readTree(json)));
        }
    }

    @Test
    void keepsTheScaleOfNumbersAsWritten() {
        JsonTree.Obj object = (JsonTree.Obj) JsonTree.read("{\"sum\": 100.50, \"n\": 3}".getBytes(StandardCharsets.UTF_8));
        assertThat(object.get("sum")).isEqualTo(new BigDecimal("100.50"));
        assertThat(object.get("n")).isEqualTo(new BigDecimal("3"));
        assertThat(object.get("none")).isNull();
    }

    @Test
    void refusesWhatJacksonRefuses() {
        for (String json : List.of("not json", "{", "{\"a\": }", "{\"a\": 1,}", "[1,]", "{'a': 1}", "{\"a\": NaN}",
                "{} {}", "{}x", "{\"a\": 01}", "\"unterminated")) {
            assertThatThrownBy(() -> JACKSON.readTree(json)).as("Jackson: " + json).isInstanceOf(JacksonException.class);
            assertThatThrownBy(() -> JsonTree.read(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void anEmptyBodyHasNoRootValue() {
        assertThat(JsonTree.read(new byte[0])).isEqualTo(JsonTree.Absent.EMPTY);
        assertThat(JsonTree.read(" \n\t ".getBytes(StandardCharsets.UTF_8))).isEqualTo(JsonTree.Absent.EMPTY);
    }

    /** Both trees as maps, lists and plain values, so that they compare with equals. */
    private static Object plain(Object value) {
        return switch (value) {
            case JsonTree.Obj object -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (int i = 0; i < object.size(); i++) {
                    map.put(object.name(i), plain(object.value(i)));
                }
                yield map;
            }
            case List<?> list -> {
                List<Object> plain = new ArrayList<>();
                list.forEach(element -> plain.add(plain(element)));
                yield plain;
            }
            case null -> null;
            default -> value;
        };
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            node.properties().forEach(member -> map.put(member.getKey(), plain(member.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.stringValue();
    }
}
