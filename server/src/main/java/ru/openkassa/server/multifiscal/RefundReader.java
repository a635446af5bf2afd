package ru.openkassa.server.multifiscal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import ru.openkassa.core.money.Quantity;
import ru.openkassa.core.multifiscal.RefundLine;
import ru.openkassa.core.validation.Phrase;
import ru.openkassa.core.validation.Violation;
import ru.openkassa.core.validation.ViolationCode;

/**
 * Reads the body of {@code POST /api/v1/purchases/{id}/refunds}: {@code external_id} (the refund's
 * idempotency key within the purchase) and, for a partial return, {@code lines} of
 * {@code {position, quantity}} naming the purchase's items by their position from 0. Without
 * {@code lines} everything not yet returned goes back.
 */
final class RefundReader {

    /** @param lines null: a full refund */
    record RefundRequest(String externalId, List<RefundLine> lines) {
    }

    BodyReading<RefundRequest> read(byte[] body) {
        Optional<JsonNode> object = BodyReading.object(body);
        if (object.isEmpty()) {
            return new BodyReading.Malformed<>();
        }
        JsonNode root = object.get();
        List<Violation> found = new ArrayList<>();
        String externalId = null;
        JsonNode id = root.get("external_id");
        if (id == null || id.isNull() || (id.isString() && id.stringValue().isBlank())) {
            found.add(ViolationCode.REQUIRED.at("external_id"));
        } else if (!id.isString()) {
            found.add(ViolationCode.WRONG_TYPE.at("external_id"));
        } else if (id.stringValue().length() > 128) {
            found.add(ViolationCode.TOO_LONG.at("external_id", Phrase.of("не больше 128 символов", "at most 128 characters")));
        } else {
            externalId = id.stringValue();
        }
        List<RefundLine> lines = null;
        JsonNode array = root.get("lines");
        if (array != null && !array.isNull()) {
            if (!array.isArray()) {
                found.add(ViolationCode.WRONG_TYPE.at("lines"));
            } else {
                lines = lines(array, found);
            }
        }
        return found.isEmpty() ? new BodyReading.Read<>(new RefundRequest(externalId, lines)) : new BodyReading.Refused<>(found);
    }

    private static List<RefundLine> lines(JsonNode array, List<Violation> found) {
        List<RefundLine> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode line = array.get(i);
            String path = "lines[" + i + "]";
            if (!line.isObject()) {
                found.add(ViolationCode.WRONG_TYPE.at(path));
                continue;
            }
            JsonNode position = line.get("position");
            JsonNode quantity = line.get("quantity");
            Integer index = null;
            Quantity amount = null;
            if (position == null || position.isNull()) {
                found.add(ViolationCode.REQUIRED.at(path + ".position"));
            } else if (!position.isIntegralNumber() || !position.canConvertToInt()) {
                found.add(ViolationCode.WRONG_TYPE.at(path + ".position"));
            } else {
                index = position.intValue();
            }
            if (quantity == null || quantity.isNull()) {
                found.add(ViolationCode.REQUIRED.at(path + ".quantity"));
            } else if (!quantity.isNumber()) {
                found.add(ViolationCode.WRONG_TYPE.at(path + ".quantity"));
            } else {
                BigDecimal value = quantity.decimalValue();
                if (value.signum() <= 0) {
                    found.add(ViolationCode.NOT_POSITIVE.at(path + ".quantity"));
                } else if (value.stripTrailingZeros().scale() > 3) {
                    found.add(ViolationCode.FRACTIONAL_DIGITS.at(path + ".quantity"));
                } else if (value.compareTo(Quantity.MAX.toBigDecimal()) > 0) {
                    found.add(ViolationCode.OUT_OF_RANGE.at(path + ".quantity"));
                } else {
                    amount = Quantity.parse(value);
                }
            }
            if (index != null && amount != null) {
                lines.add(new RefundLine(index, amount));
            }
        }
        return lines;
    }

    /** The lines as stored with the refund, to plan it again later. */
    static String write(List<RefundLine> lines) {
        ArrayNode array = BodyReading.JSON.createArrayNode();
        for (RefundLine line : lines) {
            array.addObject().put("position", line.index()).put("quantity", line.quantity().thousandths());
        }
        return BodyReading.JSON.writeValueAsString(array);
    }

    static List<RefundLine> parseStored(String json) {
        List<RefundLine> lines = new ArrayList<>();
        for (JsonNode line : BodyReading.JSON.readTree(json)) {
            lines.add(new RefundLine(line.get("position").intValue(), Quantity.ofThousandths(line.get("quantity").longValue())));
        }
        return lines;
    }
}
