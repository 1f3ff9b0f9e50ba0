package healthcode.jobs;

import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.Rejection;
import healthcode.common.engine.Episode;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PersonState;
import healthcode.common.engine.PhoneEvent;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type in state or on the wire is serialized as a POJO, never through Kryo. */
class SerializationTest {
    @ParameterizedTest
    @ValueSource(classes = {PersonEvent.class, PhoneEvent.class, PersonState.class, Episode.class, ColourChange.class,
            CurrentState.class, Rejection.class})
    void serializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
