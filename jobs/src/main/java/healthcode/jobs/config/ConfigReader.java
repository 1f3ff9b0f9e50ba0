package healthcode.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict, path-aware access to the YAML tree of a config file: every error names the file and the key. */
record ConfigReader(Path file, JsonNode root) {
    void onlyKeys(String path, JsonNode node, List<String> allowed) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": " + (path.isEmpty() ? "top level" : path) + ": must be a mapping");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + "unknown key '"
                    + unknown.get(0) + "'; allowed: " + allowed);
        }
    }

    JsonNode section(String key, List<String> allowed) {
        return section(root, key, allowed);
    }

    String text(String key, String fallback) {
        return text(root, key, fallback);
    }

    String text(JsonNode node, String path, String fallback) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node == null ? null : node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ConfigException(file + ": " + path + ": must be a non-empty string");
        }
        return value.textValue();
    }

    int nonNegativeInt(JsonNode node, String path, int fallback) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node == null ? null : node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new ConfigException(file + ": " + path + ": must be a whole number, zero or more");
        }
        return value.intValue();
    }

    int positiveInt(JsonNode node, String path, int fallback) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node == null ? null : node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw new ConfigException(file + ": " + path + ": must be a positive integer");
        }
        return value.intValue();
    }

    /** A duration in seconds, whole or decimal (to the millisecond); zero only if {@code zeroAllowed}. */
    Duration seconds(JsonNode node, String path, double fallback, boolean zeroAllowed) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node == null ? null : node.get(key);
        double seconds = value == null || value.isNull() ? fallback : value.isNumber() ? value.doubleValue() : -1;
        long millis = Math.round(seconds * 1000);
        if (seconds < 0 || seconds > Integer.MAX_VALUE || (millis == 0 && !zeroAllowed)) {
            throw new ConfigException(file + ": " + path + ": must be a " + (zeroAllowed ? "non-negative" : "positive")
                    + " number of seconds (decimals to the millisecond allowed)");
        }
        return Duration.ofMillis(millis);
    }

    JsonNode section(JsonNode parent, String path, List<String> allowed) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode node = parent == null ? null : parent.get(key);
        onlyKeys(path, node, allowed);
        return node;
    }

    /** A mapping of strings (numbers and booleans are taken as their text). */
    Map<String, String> strings(JsonNode node, String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node == null ? null : node.get(key);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw new ConfigException(file + ": " + path + ": must be a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigException(file + ": " + path + "." + e.getKey() + ": must be a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    ConfigException error(String path, String message) {
        return new ConfigException(file + ": " + path + ": " + message);
    }
}
