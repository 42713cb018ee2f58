package org.hubguard.web.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.hubguard.access.InvalidInputException;

/** Reading fields of a JSON request body, with a clear 400 when one has the wrong type. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonObject required(JsonObject body) {
        if (body == null) {
            throw new InvalidInputException("Send a JSON object as the request body.");
        }
        return body;
    }

    static String string(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidInputException("'" + field + "' must be a string.");
        }
        return text.getString();
    }

    static String requiredString(JsonObject body, String field) {
        String value = string(body, field);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("'" + field + "' is required.");
        }
        return value;
    }

    static Boolean bool(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new InvalidInputException("'" + field + "' must be true or false.");
    }
}
