package healthcode.jobs.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.PhoneTrackEvent;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The explicit serializers of the events each ping becomes: every field survives, and a savepoint restores them. */
class TrackCodecsTest {
    private static final LocatedPing PING = new LocatedPing("13900000002", 1_649_300_000_000L, 22.8170, 108.3660,
            0x8841523681fffffL, true);

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        T read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(describe(value), describe(serializer.copy(value)), "copy");
        return read;
    }

    private static String describe(Object e) {
        if (e instanceof LocatedPing p) {
            return p.msisdn + " " + p.ts + " " + p.lat + " " + p.lon + " " + p.cell + " " + p.tower;
        }
        if (e instanceof PhoneTrackEvent t) {
            return t.kind + " " + t.msisdn + " " + t.eventTime + " " + (t.ping == null ? "" : describe(t.ping))
                    + (t.window == null ? "" : t.window.caseId + " " + t.window.msisdn + " " + t.window.casePhones + " "
                    + t.window.from + " " + t.window.to + " " + t.window.reportedAt);
        }
        AreaTrackEvent a = (AreaTrackEvent) e;
        return a.kind + " " + a.msisdn + " " + a.eventTime + " " + a.areaId + " " + (a.ping == null ? "" : describe(a.ping));
    }

    @Test
    void everyFieldOfAPingAndOfACaseWindowSurvives() throws Exception {
        assertEquals(describe(PING), describe(roundTrip(TrackCodecs.LOCATED_PING, PING)));
        PhoneTrackEvent ping = PhoneTrackEvent.of(PING);
        assertEquals(describe(ping), describe(roundTrip(TrackCodecs.PHONE_TRACK_EVENT, ping)));
        CaseWindow w = new CaseWindow();
        w.caseId = "c-1";
        w.msisdn = "138";
        w.casePhones = List.of("138", "137");
        w.from = 1;
        w.to = 2;
        w.reportedAt = 3;
        PhoneTrackEvent window = PhoneTrackEvent.of(w);
        assertEquals(describe(window), describe(roundTrip(TrackCodecs.PHONE_TRACK_EVENT, window)));
        AreaTrackEvent areaPing = AreaTrackEvent.of(PING);
        assertEquals(describe(areaPing), describe(roundTrip(TrackCodecs.AREA_TRACK_EVENT, areaPing)));
        AreaTrackEvent lookBack = AreaTrackEvent.lookBack("139", "area-1", 42L);
        assertEquals(describe(lookBack), describe(roundTrip(TrackCodecs.AREA_TRACK_EVENT, lookBack)));
    }

    @Test
    void aSnapshotRestoresTheSameSerializer_andAnotherCodecIsIncompatible() throws Exception {
        TypeSerializer<PhoneTrackEvent> serializer = TrackCodecs.PHONE_TRACK_EVENT.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<PhoneTrackEvent> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertEquals(serializer, restored.restoreSerializer());
        assertTrue(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs());
        TypeSerializerSnapshot<PhoneTrackEvent> other = new CodecSerializer<>(PhoneTrackEvent.class,
                new FieldCodec<PhoneTrackEvent>() {
                    @Override
                    public void write(PhoneTrackEvent value, org.apache.flink.core.memory.DataOutputView o) {}

                    @Override
                    public PhoneTrackEvent read(org.apache.flink.core.memory.DataInputView in) {
                        return null;
                    }
                }).snapshotConfiguration();
        assertTrue(serializer.snapshotConfiguration().resolveSchemaCompatibility(other).isIncompatible());
    }
}
