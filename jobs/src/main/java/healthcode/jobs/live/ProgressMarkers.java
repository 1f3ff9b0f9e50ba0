package healthcode.jobs.live;

import healthcode.common.engine.PhoneEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes the companion job's detections on to the link and, each time its watermark has advanced by the
 * progress step (and at the end of input), writes a progress marker to every partition of the link
 * after them. A plain operator, because only an operator sees watermarks.
 */
public class ProgressMarkers extends AbstractStreamOperator<LinkRecord>
        implements OneInputStreamOperator<PhoneEvent, LinkRecord> {
    private final int partitions;
    private final long step;
    private transient long marked;

    public ProgressMarkers(int partitions, long stepMillis) {
        this.partitions = partitions;
        this.step = stepMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        marked = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<PhoneEvent> element) {
        output.collect(element.replace(LinkRecord.detection(element.getValue())));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long t = mark.getTimestamp();
        if (t == Long.MAX_VALUE || marked == Long.MIN_VALUE || t >= marked + step) {
            marked = t;
            int writer = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            int writers = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
            for (int p = 0; p < partitions; p++) {
                output.collect(new StreamRecord<>(LinkRecord.progress(t, writer, writers, p), t));
            }
        }
        super.processWatermark(mark);
    }
}
