package healthcode.jobs.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.Fixes;
import healthcode.common.companions.Stay;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.AreaLevel;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The explicit serializers of stays and cell events: every field of every kind survives. */
class CellCodecsTest {
    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static Stay stay() {
        Fixes fixes = new Fixes();
        fixes.add(1000L, 22.8, 108.3);
        fixes.add(2000L, 22.9, 108.4);
        return new Stay("139", 0x8841523681fffffL, 1000L, 3000L, Long.MAX_VALUE, fixes);
    }

    private static void assertSameStay(Stay expected, Stay actual) {
        assertEquals(List.of(expected.msisdn, expected.cell, expected.from, expected.to, expected.dwellExceededFrom),
                List.of(actual.msisdn, actual.cell, actual.from, actual.to, actual.dwellExceededFrom));
        assertArrayEquals(expected.fixes.times, actual.fixes.times);
        assertArrayEquals(expected.fixes.lats, actual.fixes.lats);
        assertArrayEquals(expected.fixes.lons, actual.fixes.lons);
    }

    @Test
    void aStayWithItsFixesSurvives_asAStayAndAsACaseStay() throws Exception {
        assertSameStay(stay(), roundTrip(CellCodecs.STAY, stay()));
        assertSameStay(stay(), roundTrip(CellCodecs.CELL_EVENT, CellEvent.stay(stay())).stay);
        CaseWindow w = new CaseWindow();
        w.caseId = "c-1";
        w.msisdn = "138";
        w.casePhones = List.of("138");
        w.from = 10;
        w.to = 20;
        w.reportedAt = 30;
        CellEvent read = roundTrip(CellCodecs.CELL_EVENT, CellEvent.caseStay(new CaseStay(w, stay())));
        assertEquals(CellEvent.Kind.CASE_STAY, read.kind);
        assertEquals(List.of("c-1", "138", List.of("138"), 10L, 20L, 30L), List.of(read.caseStay.window.caseId,
                read.caseStay.window.msisdn, read.caseStay.window.casePhones, read.caseStay.window.from,
                read.caseStay.window.to, read.caseStay.window.reportedAt));
        assertEquals(3000L, read.eventTime);
        assertSameStay(stay(), read.caseStay.stay);
    }

    @Test
    void aVenueAndAnAreaWithOrWithoutAnEndSurvive() throws Exception {
        VenueShape venue = new VenueShape();
        venue.venueId = "ktv-7";
        venue.confined = true;
        venue.at = 5;
        venue.wkb = new byte[] {1, 2, 3};
        CellEvent v = roundTrip(CellCodecs.CELL_EVENT, CellEvent.venue(42L, venue));
        assertEquals(List.of(CellEvent.Kind.VENUE, 42L, 5L, "ktv-7", true), List.of(v.kind, v.cell, v.eventTime,
                v.venue.venueId, v.venue.confined));
        assertArrayEquals(new byte[] {1, 2, 3}, v.venue.wkb);
        for (Long to : new Long[] {null, 99L}) {
            AreaDefinition area = new AreaDefinition();
            area.areaId = "a-1";
            area.level = AreaLevel.CONTROL;
            area.from = 7;
            area.to = to;
            area.at = 8;
            area.wkb = new byte[0];
            CellEvent a = roundTrip(CellCodecs.CELL_EVENT, CellEvent.area(43L, area));
            assertEquals(List.of("a-1", AreaLevel.CONTROL, 7L, 8L, 43L), List.of(a.area.areaId, a.area.level, a.area.from,
                    a.area.at, a.cell));
            assertEquals(to, a.area.to);
        }
    }
}
