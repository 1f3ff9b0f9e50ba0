package healthcode.jobs.healthcode;

import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.Rejection;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the health-code workflow writes: colour changes, current states and rejected input. */
public record HealthCodeOutputs(Sink<ColourChange> changes, Sink<CurrentState> current, Sink<Rejection> rejected) {}
