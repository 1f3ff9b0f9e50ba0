package healthcode.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.Tower;
import org.junit.jupiter.api.Test;

/** The tower table: rows of cellId,lat,lon; a bad row is rejected with its reason. */
class TowerCsvTest {
    @Test
    void rowsDecode_andTheHeaderIsRecognised() {
        assertTrue(TowerCsv.isHeader("cellId,lat,lon"));
        assertEquals(new Tower("460-00-9-1", 22.8167, 108.3669), TowerCsv.decode("460-00-9-1, 22.8167, 108.3669").value());
    }

    @Test
    void badRowsAreRejectedWithAReason() {
        assertEquals("expected 3 fields cellId,lat,lon, found 2", TowerCsv.decode("x,1").rejection().reason());
        assertEquals("lat and lon must be numbers", TowerCsv.decode("x,north,1").rejection().reason());
        assertEquals("lat must lie in [-90, 90]", TowerCsv.decode("x,91,1").rejection().reason());
        assertEquals("lon must lie in [-180, 180]", TowerCsv.decode("x,9,NaN").rejection().reason());
        assertEquals("empty cellId", TowerCsv.decode(",9,1").rejection().reason());
        assertEquals("towers", TowerCsv.decode(",9,1").rejection().source());
    }
}
