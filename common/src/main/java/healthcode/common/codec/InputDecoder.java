package healthcode.common.codec;

import healthcode.common.json.InvalidRecordException;
import healthcode.common.json.JsonObject;
import healthcode.common.json.StrictJson;
import healthcode.common.domain.Rejection;
import java.io.Serializable;

/** Decodes and validates the records of one input stream; bad records become rejections. */
public abstract class InputDecoder<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InputStreamKind kind;

    protected InputDecoder(InputStreamKind kind) {
        this.kind = kind;
    }

    public InputStreamKind kind() {
        return kind;
    }

    /** Reads the typed record; throws {@link InvalidRecordException} with the reason. */
    protected abstract T read(JsonObject json);

    public abstract long eventTime(T record);

    public Decoded<T> decode(String raw) {
        JsonObject json = null;
        try {
            json = StrictJson.parseObject(raw);
            return new Decoded<>(read(json), null);
        } catch (InvalidRecordException e) {
            return new Decoded<>(null, new Rejection(kind.topic(), raw, e.getMessage(), eventTimeIfReadable(json)));
        }
    }

    /** The event time of a raw record, or {@code fallback} when the record would be rejected. */
    public long eventTimeOr(String raw, long fallback) {
        Decoded<T> decoded = decode(raw);
        return decoded.ok() ? eventTime(decoded.value()) : fallback;
    }

    private Long eventTimeIfReadable(JsonObject json) {
        if (json == null) {
            return null;
        }
        try {
            return eventTimeHolder(json).optTime(kind.eventTimeField());
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    /** The object that holds the event-time field (a GeoJSON feature keeps it in its properties). */
    protected JsonObject eventTimeHolder(JsonObject json) {
        return json;
    }

    protected static void requireNotAfter(String earlierField, long earlier, String laterField, long later) {
        if (earlier > later) {
            throw new InvalidRecordException("'" + earlierField + "' is after '" + laterField + "'");
        }
    }
}
