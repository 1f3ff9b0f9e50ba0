package healthcode.jobs;

import healthcode.common.domain.Rejection;
import healthcode.jobs.functions.RejectionCounter;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Helpers for building topologies. */
public final class Streams {
    private Streams() {}

    /** The union of one or more streams. */
    public static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }

    /** Every rejection into the rejected sink, counted by source and reason kind on the way. */
    public static void sinkRejected(List<DataStream<Rejection>> rejections, Sink<Rejection> sink) {
        union(rejections).map(new RejectionCounter(), TypeInformation.of(Rejection.class))
                .uid("count-rejections").name("count-rejections")
                .sinkTo(sink).uid("sink-rejected").name("sink-rejected");
    }
}
