package healthcode.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import healthcode.common.time.Times;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Typed, validating access to the fields of one input record. Every failure names the field. */
public final class JsonObject {
    /** Event times outside this range are data errors (1900-01-01 .. 2200-01-01 UTC). */
    private static final long MIN_TIME = -2208988800000L;
    private static final long MAX_TIME = 7258118400000L;
    private static final int MAX_ID_LENGTH = 256;

    private final ObjectNode node;

    public JsonObject(ObjectNode node) {
        this.node = node;
    }

    public ObjectNode node() {
        return node;
    }

    /** A nested object, e.g. a GeoJSON feature's properties. */
    public JsonObject object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field);
        }
        if (!(value instanceof ObjectNode object)) {
            throw new InvalidRecordException("field '" + field + "' must be an object");
        }
        return new JsonObject(object);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String text(String field) {
        String value = optText(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public String optText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException("field '" + field + "' must be a string");
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw new InvalidRecordException("field '" + field + "' must not be empty");
        }
        return text;
    }

    /** An identifier: a non-empty string of bounded length. */
    public String id(String field) {
        String value = text(field);
        checkIdLength(field, value);
        return value;
    }

    public String optId(String field) {
        String value = optText(field);
        if (value != null) {
            checkIdLength(field, value);
        }
        return value;
    }

    private static void checkIdLength(String field, String value) {
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidRecordException("field '" + field + "' is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    public long time(String field) {
        Long value = optTime(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public Long optTime(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        long millis;
        if (value.isTextual()) {
            try {
                millis = Times.parseIso(value.textValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("field '" + field + "': " + e.getMessage());
            }
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            millis = value.longValue();
        } else {
            throw new InvalidRecordException("field '" + field + "' must be an ISO-8601 time with an offset or epoch milliseconds");
        }
        if (millis < MIN_TIME || millis > MAX_TIME) {
            throw new InvalidRecordException("field '" + field + "' is outside the years 1900-2200");
        }
        return millis;
    }

    public double number(String field) {
        Double value = optNumber(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public Double optNumber(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException("field '" + field + "' must be a number");
        }
        BigDecimal decimal = value.decimalValue();
        double result = decimal.doubleValue();
        if (Double.isInfinite(result)) {
            throw new InvalidRecordException("field '" + field + "' is out of range");
        }
        return result;
    }

    public boolean optBoolean(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException("field '" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        E value = optEnum(field, type);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public <E extends Enum<E>> E optEnum(String field, Class<E> type) {
        String text = optText(field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("field '" + field + "' has unknown value '" + abbreviate(text)
                    + "', expected one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A list of identifiers; absent means empty. */
    public List<String> idList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidRecordException("field '" + field + "' must be an array of strings");
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw new InvalidRecordException("field '" + field + "' must contain only non-empty strings");
            }
            checkIdLength(field, element.textValue());
            result.add(element.textValue());
        }
        return List.copyOf(result);
    }

    private static InvalidRecordException missing(String field) {
        return new InvalidRecordException("missing field '" + field + "'");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
