package healthcode.jobs.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.AreaLevel;
import healthcode.common.engine.PhoneEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The companion job's side of the link: detections pass, then a marker to every partition per progress step. */
class ProgressMarkersTest {
    private static final long MINUTE = 60_000;

    @Test
    void aMarkerFollowsTheDetectionsBeforeItInEveryPartition_oncePerStep() throws Exception {
        try (OneInputStreamOperatorTestHarness<PhoneEvent, LinkRecord> harness =
                     new OneInputStreamOperatorTestHarness<>(new ProgressMarkers(3, MINUTE), 4, 2, 1)) {
            harness.open();
            PhoneEvent exposure = PhoneEvent.of(new AreaExposure("area-1", AreaLevel.HIGH, "13900000001", List.of(),
                    0L, 30 * MINUTE, 30 * MINUTE));
            harness.processElement(new StreamRecord<>(exposure, 30 * MINUTE));
            harness.processWatermark(new Watermark(31 * MINUTE));
            harness.processWatermark(new Watermark(31 * MINUTE + 30_000)); // less than a step: no marker
            harness.processWatermark(new Watermark(32 * MINUTE));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            List<String> seen = new ArrayList<>();
            for (Object o : harness.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    LinkRecord link = (LinkRecord) r.getValue();
                    seen.add(link.kind == LinkRecord.Kind.PROGRESS
                            ? "marker " + link.progress / MINUTE + " p" + link.partition + " w" + link.writer + "/" + link.writers
                            : link.kind + " " + link.detection.msisdn);
                } else if (o instanceof Watermark w) {
                    seen.add("watermark " + w.getTimestamp() / MINUTE);
                }
            }
            long end = Long.MAX_VALUE / MINUTE;
            assertEquals(List.of("AREA_EXPOSURE 13900000001",
                    "marker 31 p0 w1/2", "marker 31 p1 w1/2", "marker 31 p2 w1/2", "watermark 31", "watermark 31",
                    "marker 32 p0 w1/2", "marker 32 p1 w1/2", "marker 32 p2 w1/2", "watermark 32",
                    "marker " + end + " p0 w1/2", "marker " + end + " p1 w1/2", "marker " + end + " p2 w1/2",
                    "watermark " + end), seen);
        }
    }
}
