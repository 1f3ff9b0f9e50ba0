package healthcode.common.engine;

import healthcode.common.domain.HealthStatus;

/** A health-commission status known from {@code knownAt}; phases with {@code until} end on it. */
public class StatusFact {
    public HealthStatus status;
    public long knownAt;

    public StatusFact() {}

    public StatusFact(HealthStatus status, long knownAt) {
        this.status = status;
        this.knownAt = knownAt;
    }
}
