package healthcode.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON reader for input records: one object per record, no duplicate keys, no trailing
 * content, bounded sizes. Unknown fields are allowed (the contract says they are ignored).
 */
public final class StrictJson {
    /** Largest raw record accepted; bigger ones are refused before parsing. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapperHolder.create();

    private StrictJson() {}

    public static JsonObject parseObject(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRecordException("empty record");
        }
        if (raw.length() > MAX_RECORD_CHARS) {
            throw new InvalidRecordException("record too large: " + raw.length() + " characters, limit " + MAX_RECORD_CHARS);
        }
        JsonNode node;
        try {
            // A byte-order mark at the start of a file is not part of the first record.
            node = MAPPER.readTree(raw.charAt(0) == '\uFEFF' ? raw.substring(1) : raw);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRecordException("not a JSON object");
        }
        return new JsonObject(object);
    }

    private static final class JsonMapperHolder {
        static ObjectMapper create() {
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(64)
                            .maxStringLength(MAX_RECORD_CHARS)
                            .build())
                    .build();
            factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            ObjectMapper mapper = new ObjectMapper(factory);
            mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            return mapper;
        }
    }
}
