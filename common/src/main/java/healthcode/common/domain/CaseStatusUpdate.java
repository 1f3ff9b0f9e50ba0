package healthcode.common.domain;

/** A health-commission status ({@code case-status}); event time {@code at}. */
public record CaseStatusUpdate(String personId, HealthStatus status, long at, Long lastExposureAt, String caseId) {}
