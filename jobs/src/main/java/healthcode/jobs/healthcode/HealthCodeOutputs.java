package healthcode.jobs.healthcode;

import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.Rejection;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the pipeline writes: colour changes, current states, rejected input, and the companion
 * detections and area exposures with the persons they were handed to.
 */
public record HealthCodeOutputs(Sink<ColourChange> changes, Sink<CurrentState> current, Sink<Rejection> rejected,
                                Sink<CompanionDetection> companions, Sink<AreaExposure> areaExposures) {}
