package healthcode.jobs.live;

import healthcode.common.engine.PhoneEvent;

/**
 * A message on the link from the companion job to the health-code job: a detection about a phone
 * (written as JSON, as domain.md's companions / area-exposures records without persons), or a progress
 * marker. Kafka does not carry watermarks, so each companion-job writer puts a marker into every
 * partition when its watermark advances: the health-code job then knows that writer will send no more
 * detections up to that time (the detections before a marker precede it in the partition).
 */
public class LinkRecord {
    public enum Kind { COMPANION, AREA_EXPOSURE, PROGRESS }

    public Kind kind;
    /** The detection, when written by the companion job. */
    public PhoneEvent detection;
    /** The JSON of a detection or marker, when read by the health-code job. */
    public String raw;
    /** Marker: the writer's watermark, its index among the writers, their number and the partition. */
    public long progress;
    public int writer;
    public int writers;
    public int partition;

    public LinkRecord() {}

    public static LinkRecord detection(PhoneEvent event) {
        LinkRecord r = new LinkRecord();
        r.kind = event.kind == PhoneEvent.Kind.COMPANION ? Kind.COMPANION : Kind.AREA_EXPOSURE;
        r.detection = event;
        return r;
    }

    public static LinkRecord progress(long watermark, int writer, int writers, int partition) {
        LinkRecord r = new LinkRecord();
        r.kind = Kind.PROGRESS;
        r.progress = watermark;
        r.writer = writer;
        r.writers = writers;
        r.partition = partition;
        return r;
    }

    public static LinkRecord read(Kind kind, String raw) {
        LinkRecord r = new LinkRecord();
        r.kind = kind;
        r.raw = raw;
        return r;
    }

    /** The JSON of a marker. */
    String progressJson() {
        return "{\"progress\":" + progress + ",\"writer\":" + writer + ",\"writers\":" + writers + "}";
    }
}
