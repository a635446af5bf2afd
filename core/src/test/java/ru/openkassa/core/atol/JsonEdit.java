package ru.openkassa.core.atol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body under test: a valid document edited at a JSON path
 * ({@code receipt.items[0].sum}) to break exactly one thing.
 */
final class JsonEdit {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final ObjectNode root;

    private JsonEdit(ObjectNode root) {
        this.root = root;
    }

    static JsonEdit of(String json) {
        return new JsonEdit((ObjectNode) MAPPER.readTree(json));
    }

    static JsonEdit resource(String name) {
        try (InputStream in = JsonEdit.class.getResourceAsStream("/atol/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /atol/" + name);
            }
            return new JsonEdit((ObjectNode) MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at {@code path} to the given JSON text: {@code "301.00"}, {@code "\"x\""}, {@code "[]"}. */
    JsonEdit set(String path, String json) {
        JsonNode value = MAPPER.readTree(json);
        List<String> steps = steps(path);
        JsonNode parent = walk(steps.subList(0, steps.size() - 1));
        String last = steps.getLast();
        if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return this;
    }

    JsonEdit setString(String path, String text) {
        return set(path, MAPPER.writeValueAsString(text));
    }

    JsonEdit remove(String path) {
        List<String> steps = steps(path);
        JsonNode parent = walk(steps.subList(0, steps.size() - 1));
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(steps.getLast()));
        } else {
            ((ObjectNode) parent).remove(steps.getLast());
        }
        return this;
    }

    /** A copy of the node at {@code from}, as JSON text, to build repeated entries. */
    String json(String path) {
        return MAPPER.writeValueAsString(walk(steps(path)));
    }

    byte[] bytes() {
        return MAPPER.writeValueAsBytes(root);
    }

    private JsonNode walk(List<String> steps) {
        JsonNode node = root;
        for (String step : steps) {
            node = node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
            if (node == null) {
                throw new IllegalArgumentException("no " + step + " in the test document");
            }
        }
        return node;
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            steps.add(part.substring(0, bracket));
            for (String index : part.substring(bracket + 1, part.length() - 1).split("]\\[")) {
                steps.add(index);
            }
        }
        return steps;
    }
}
