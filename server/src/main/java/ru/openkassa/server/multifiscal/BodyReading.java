package ru.openkassa.server.multifiscal;

import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import ru.openkassa.core.validation.Violation;

/**
 * What reading a request body of this feature gave: the value, every problem found, or not a JSON
 * object at all. Amounts are read as exact decimals, never as doubles.
 */
sealed interface BodyReading<T> {

    JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    record Read<T>(T value) implements BodyReading<T> {
    }

    record Refused<T>(List<Violation> violations) implements BodyReading<T> {

        public Refused {
            violations = List.copyOf(violations);
        }
    }

    record Malformed<T>() implements BodyReading<T> {
    }

    /** The body's root object; empty when the body is not JSON or its root is not an object. */
    static Optional<JsonNode> object(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
