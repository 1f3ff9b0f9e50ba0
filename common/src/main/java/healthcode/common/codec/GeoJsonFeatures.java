package healthcode.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code .geojson} input file is either a FeatureCollection or one Feature per line (as on the
 * Kafka topic). This turns a FeatureCollection into its features, one JSON text each.
 */
public final class GeoJsonFeatures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonFeatures() {}

    /** The features of a FeatureCollection document; empty when the text is not one (then it is read line by line). */
    public static Optional<List<String>> ofCollection(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asText())) {
            return Optional.empty();
        }
        List<String> features = new ArrayList<>();
        for (JsonNode feature : root.path("features")) {
            features.add(feature.toString());
        }
        return Optional.of(features);
    }
}
