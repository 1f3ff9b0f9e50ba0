package healthcode.common.companions;

import healthcode.common.domain.Ping;
import healthcode.common.geo.GridCells;
import healthcode.common.geo.TowerTable;
import healthcode.common.json.InvalidRecordException;
import java.io.Serializable;

/** Places a ping on the grid (companions.md, Cell): its own position, or its tower's from the tower table. */
public final class PingLocator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TowerTable towers;
    private final int resolution;
    private transient GridCells grid;

    public PingLocator(TowerTable towers, int resolution) {
        this.towers = towers;
        this.resolution = resolution;
    }

    /** @throws InvalidRecordException for a tower the table does not know */
    public LocatedPing locate(Ping ping) {
        if (grid == null) {
            grid = new GridCells(resolution);
        }
        if (ping.lat() != null) {
            return new LocatedPing(ping.msisdn(), ping.ts(), ping.lat(), ping.lon(),
                    grid.cellOf(ping.lat(), ping.lon()), false);
        }
        double[] position = towers.position(ping.cellId());
        if (position == null) {
            throw new InvalidRecordException("unknown tower '" + ping.cellId() + "'");
        }
        return new LocatedPing(ping.msisdn(), ping.ts(), position[0], position[1],
                grid.cellOf(position[0], position[1]), true);
    }
}
