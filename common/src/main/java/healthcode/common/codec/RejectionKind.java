package healthcode.common.codec;

import java.util.List;
import java.util.Locale;

/**
 * A rejection reason's kind, for counting: reasons name fields and values, kinds are a short fixed list
 * (a metric label must not grow with the data).
 */
public enum RejectionKind {
    LATE("^late"),
    EMPTY("^empty record"),
    TOO_LARGE("too large", "longer than", "larger than"),
    NOT_JSON("not json"),
    NOT_AN_OBJECT("not a json object", "must be a geojson feature", "must be an object"),
    MISSING_FIELD("missing field", "needs "),
    UNKNOWN_VALUE("unknown value"),
    OUT_OF_RANGE("must lie in", "out of range", "outside the years", "is after", "must be after"),
    WRONG_TYPE("must be", "must not be empty", "must contain"),
    NOT_OURS("not a record of"),
    OTHER();

    private final List<String> markers;

    RejectionKind(String... markers) {
        this.markers = List.of(markers);
    }

    /** The first kind whose marker the reason holds, or starts with for a marker {@code ^...} (in the order above). */
    public static RejectionKind of(String reason) {
        String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        for (RejectionKind kind : values()) {
            if (kind.markers.stream().anyMatch(m -> m.startsWith("^") ? text.startsWith(m.substring(1)) : text.contains(m))) {
                return kind;
            }
        }
        return OTHER;
    }

    /** As a metric label: {@code too-large}, {@code missing-field}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
