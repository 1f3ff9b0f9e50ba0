package healthcode.jobs.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import healthcode.common.codec.InputStreamKind;
import healthcode.common.companions.LocatedPing;
import healthcode.common.domain.Rejection;
import org.apache.flink.util.OutputTag;

/** Records refused after decoding, such as a ping that arrives after the watermark passed its time. */
final class Rejections {
    static final OutputTag<Rejection> REJECTED = DecodeFunction.REJECTED;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rejections() {}

    /** A ping too late for the stay builder. */
    static Rejection latePing(LocatedPing ping, long watermark) {
        return latePing(ping, watermark, "");
    }

    /** A ping too late for one stage, named in the reason. */
    static Rejection latePing(LocatedPing ping, long watermark, String stage) {
        ObjectNode raw = JSON.createObjectNode();
        raw.put("msisdn", ping.msisdn);
        raw.put("ts", ping.ts);
        raw.put("lat", ping.lat);
        raw.put("lon", ping.lon);
        return new Rejection(InputStreamKind.PINGS.topic(), raw.toString(),
                "late" + stage + ": the stream's watermark had passed " + watermark + " (ms) when the ping arrived", ping.ts);
    }
}
