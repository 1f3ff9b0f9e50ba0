package healthcode.jobs;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.AreaProgress;
import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.Fixes;
import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.OpenStay;
import healthcode.common.companions.PhoneTrackEvent;
import healthcode.common.companions.Stay;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.Rejection;
import healthcode.common.engine.Episode;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PersonState;
import healthcode.common.engine.PhoneEvent;
import healthcode.jobs.live.LinkRecord;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type in state or on the wire is serialized as a POJO, never through Kryo. */
class SerializationTest {
    @ParameterizedTest
    @ValueSource(classes = {PersonEvent.class, PhoneEvent.class, PersonState.class, Episode.class, ColourChange.class,
            CurrentState.class, Rejection.class, CompanionDetection.class, AreaExposure.class, LocatedPing.class,
            PhoneTrackEvent.class, CellEvent.class, AreaTrackEvent.class, Stay.class, OpenStay.class, Fixes.class,
            CaseWindow.class, CaseStay.class, VenueShape.class, AreaDefinition.class, AreaProgress.class,
            LinkRecord.class})
    void serializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
