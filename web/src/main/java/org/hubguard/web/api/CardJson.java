package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

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
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), of(item)));
            return object.build();
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(item -> array.add(of(item)));
            return array.build();
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return JSON.createValue(big);
        }
        if (value instanceof Double number) {
            // YAML's .nan and .inf have no JSON number: written as text
            return number.isNaN() || number.isInfinite() ? JSON.createValue(number.toString()) : JSON.createValue(BigDecimal.valueOf(number));
        }
        if (value instanceof Date date) {
            return JSON.createValue(HubDates.format(date.toInstant()));
        }
        if (value instanceof byte[] bytes) {
            return JSON.createValue(Base64.getEncoder().encodeToString(bytes));
        }
        return JSON.createValue(value.toString());
    }
}
