package org.hubguard.web.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** A card's parsed YAML (maps, lists, scalars from SnakeYAML's safe loader) as JSON, for {@code cardData}. */
final class CardJson {

    private CardJson() {
    }

    static JsonValue of(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), of(item)));
            return object.build();
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(item -> array.add(of(item)));
            return array.build();
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return Json.createValue(big);
        }
        if (value instanceof Double number) {
            // YAML's .nan and .inf have no JSON number: written as text
            return number.isNaN() || number.isInfinite() ? Json.createValue(number.toString()) : Json.createValue(BigDecimal.valueOf(number));
        }
        if (value instanceof Date date) {
            return Json.createValue(HubDates.format(date.toInstant()));
        }
        if (value instanceof byte[] bytes) {
            return Json.createValue(Base64.getEncoder().encodeToString(bytes));
        }
        return Json.createValue(value.toString());
    }
}
