package healthcode.common.domain;

/** A telecom location ping: either a position or a tower id; event time {@code ts}. */
public record Ping(String msisdn, long ts, Double lat, Double lon, String cellId) {}
