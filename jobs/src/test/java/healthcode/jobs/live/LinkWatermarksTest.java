package healthcode.jobs.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** The health-code job's clock on the link: the least progress of the companion job's writers. */
class LinkWatermarksTest {
    private final List<Long> watermarks = new ArrayList<>();
    private final WatermarkOutput out = new WatermarkOutput() {
        public void emitWatermark(Watermark w) {
            watermarks.add(w.getTimestamp());
        }

        public void markIdle() {}

        public void markActive() {}
    };
    private final LinkWatermarks generator = new LinkWatermarks();

    private void marker(long progress, int writer, int writers) {
        generator.onEvent(LinkRecord.read(LinkRecord.Kind.PROGRESS,
                LinkRecord.progress(progress, writer, writers, 0).progressJson()), 0, out);
    }

    @Test
    void noWatermarkUntilEveryWriterHasSpoken_thenTheLeastProgress() {
        marker(100, 0, 2);
        assertEquals(List.of(), watermarks);
        marker(80, 1, 2);
        marker(150, 0, 2);
        marker(120, 1, 2);
        assertEquals(List.of(80L, 120L), watermarks);
    }

    @Test
    void detectionsAndForeignMessagesMoveNothing() {
        marker(100, 0, 1);
        generator.onEvent(LinkRecord.read(LinkRecord.Kind.COMPANION, "{\"caseId\":\"c\"}"), 500, out);
        generator.onEvent(LinkRecord.read(LinkRecord.Kind.PROGRESS, "not json"), 500, out);
        generator.onEvent(LinkRecord.read(LinkRecord.Kind.PROGRESS, "{\"progress\":1.5,\"writer\":0,\"writers\":1}"), 500, out);
        assertEquals(List.of(100L), watermarks);
    }

    @Test
    void afterTheCompanionJobIsRescaledOnlyItsCurrentWritersCount() {
        marker(100, 0, 3);
        marker(100, 1, 3);
        marker(50, 2, 3);
        marker(200, 0, 2);
        marker(210, 1, 2);
        assertEquals(List.of(50L, 200L), watermarks);
    }
}
