package healthcode.jobs.serde;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How one hot type is written, field by field in a fixed order: cheaper than Flink's reflective
 * POJO serializer for the events every ping turns into. A codec has a no-argument constructor and
 * no state, so a savepoint names it by class. Changing the format means a new codec class.
 */
public interface FieldCodec<T> extends Serializable {
    void write(T value, DataOutputView out) throws IOException;

    T read(DataInputView in) throws IOException;
}
