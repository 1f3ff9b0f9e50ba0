package healthcode.common.domain;

/** An arrival report; event time {@code reportedAt}. */
public record ArrivalReport(String personId, long arrivedAt, long reportedAt, String originCode, OriginRisk originRisk,
                            boolean variantOfConcern, Long lastExposureAt) {}
