package ru.openkassa.server.receipts.atol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The small ATOL bodies that are not receipts. */
final class AtolJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AtolJson() {
    }

    /** {@code {"login": "...", "pass": "..."}}; empty when the body is not such an object. */
    static Optional<Map<String, String>> readCredentials(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return Optional.empty();
            }
            Map<String, String> values = new HashMap<>();
            for (String field : new String[] {"login", "pass"}) {
                JsonNode value = root.get(field);
                if (value != null && !value.isNull()) {
                    if (!value.isString()) {
                        return Optional.empty();
                    }
                    values.put(field, value.stringValue());
                }
            }
            return Optional.of(values);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
