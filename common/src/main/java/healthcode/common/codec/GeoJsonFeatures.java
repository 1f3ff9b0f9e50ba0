package healthcode.common.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code .geojson} input file is a FeatureCollection, a single (perhaps pretty-printed) Feature,
 * a JSON array of Features, or one Feature per line (as on the Kafka topic). This turns the first
 * three into their features, one JSON text each.
 */
public final class GeoJsonFeatures {
    /** Trailing content is an error: several features, one per line, are not one document. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private GeoJsonFeatures() {}

    /** The features of a whole document; empty when the text is not one (then it is read line by line). */
    public static Optional<List<String>> ofCollection(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        JsonNode features;
        if (root.isArray()) {
            features = root;
        } else if (root.isObject() && "FeatureCollection".equals(root.path("type").asText())) {
            features = root.path("features");
        } else if (root.isObject() && "Feature".equals(root.path("type").asText()) && body.strip().contains("\n")) {
            // one feature spread over lines; a one-line feature is simply a file of one line
            return Optional.of(List.of(root.toString()));
        } else {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode feature : features) {
            texts.add(feature.toString());
        }
        return Optional.of(texts);
    }
}
