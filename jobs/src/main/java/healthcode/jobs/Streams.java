package healthcode.jobs;

import java.util.List;
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
}
