package healthcode.common.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.PingLocator;
import healthcode.common.domain.Ping;
import healthcode.common.json.InvalidRecordException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tower pings are placed at their tower; bad rows are kept as rejections, unknown towers refused. */
class TowerTableTest {
    private static final TowerTable TOWERS = TowerTable.read(List.of(
            "\uFEFFcellId,lat,lon", "T-1,22.8170,108.3660", "T-2,north,108.3", "", "T-1,22.8200,108.3700"));

    @Test
    void theHeaderIsSkippedEvenAfterAByteOrderMark_aLaterRowWins_andABadRowIsRejected() {
        assertEquals(1, TOWERS.size());
        assertArrayEquals(new double[] {22.8200, 108.3700}, TOWERS.position("T-1"));
        assertEquals(1, TOWERS.rejections().size());
        assertEquals("T-2,north,108.3", TOWERS.rejections().get(0).raw());
        assertEquals("lat and lon must be numbers", TOWERS.rejections().get(0).reason());
    }

    @Test
    void aTowerPingTakesItsTowersPositionAndCell_andHasNoOwnPosition() {
        PingLocator locator = new PingLocator(TOWERS, 8);
        LocatedPing ping = locator.locate(new Ping("139", 1000L, null, null, "T-1"));
        assertEquals(22.8200, ping.lat);
        assertEquals(new GridCells(8).cellOf(22.8200, 108.3700), ping.cell);
        assertEquals(true, ping.tower);
    }

    @Test
    void aPingFromAnUnknownTowerIsRefused() {
        PingLocator locator = new PingLocator(TOWERS, 8);
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> locator.locate(new Ping("139", 1000L, null, null, "T-404")));
        assertEquals("unknown tower 'T-404'", e.getMessage());
    }
}
