package healthcode.jobs.live;

import healthcode.common.json.InvalidRecordException;
import healthcode.common.json.JsonObject;
import healthcode.common.json.StrictJson;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of one link partition in the health-code job: the least progress of the companion job's
 * writers, from their markers. Detections move no watermark, so the health-code job applies no record
 * until every detection up to its time has been read, however long the companion job takes; while
 * the companion job is down, the health-code job waits.
 */
public final class LinkWatermarks implements WatermarkGenerator<LinkRecord> {
    private final Map<Integer, Long> progressByWriter = new HashMap<>();
    private int writers;
    private long emitted = Long.MIN_VALUE;

    @Override
    public void onEvent(LinkRecord record, long eventTimestamp, WatermarkOutput output) {
        if (record.kind != LinkRecord.Kind.PROGRESS) {
            return;
        }
        try {
            JsonObject marker = StrictJson.parseObject(record.raw);
            int count = (int) whole(marker, "writers");
            if (count != writers) {
                // the companion job was rescaled: its writers start again from a savepoint, so wait for all of them
                writers = count;
                progressByWriter.clear();
            }
            progressByWriter.merge((int) whole(marker, "writer"), whole(marker, "progress"), Math::max);
        } catch (InvalidRecordException e) {
            return; // not a marker of ours; the decoder rejects it
        }
        if (progressByWriter.size() == writers) {
            long least = progressByWriter.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            if (least > emitted) {
                emitted = least;
                output.emitWatermark(new Watermark(least));
            }
        }
    }

    private static long whole(JsonObject json, String field) {
        com.fasterxml.jackson.databind.JsonNode value = json.node().get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException("'" + field + "' must be a whole number");
        }
        return value.longValue();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
}
