package healthcode.common.codec;

/**
 * The input streams of domain.md: the default topic name (also the {@code source} of a rejection),
 * the backfill file name, and the field holding the event time.
 */
public enum InputStreamKind {
    PINGS("telecom.pings", "pings.jsonl", "ts"),
    SUBSCRIBERS("subscribers", "subscribers.jsonl", "at"),
    CASES("cases", "cases.jsonl", "reportedAt"),
    CASE_STATUS("case-status", "case-status.jsonl", "at"),
    NAT_RESULTS("nat-results", "nat-results.jsonl", "resultAt"),
    ARRIVALS("arrivals", "arrivals.jsonl", "reportedAt"),
    ADMIN_ACTIONS("admin-actions", "admin-actions.jsonl", "at"),
    /** GeoJSON features; the event time is in the properties. */
    RISK_AREAS("risk-areas", "risk-areas.geojson", "at"),
    VENUES("venues", "venues.geojson", "at"),
    /** Detections from the companion job, or precomputed ones given to a backfill. */
    COMPANIONS("companions", "companions.jsonl", "detectedAt"),
    AREA_EXPOSURES("area-exposures", "area-exposures.jsonl", "detectedAt");

    private final String topic;
    private final String fileName;
    private final String eventTimeField;

    InputStreamKind(String topic, String fileName, String eventTimeField) {
        this.topic = topic;
        this.fileName = fileName;
        this.eventTimeField = eventTimeField;
    }

    public String topic() {
        return topic;
    }

    public String fileName() {
        return fileName;
    }

    public String eventTimeField() {
        return eventTimeField;
    }
}
