package healthcode.jobs.functions;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.LocatedPing;
import healthcode.common.geo.GridCells;
import healthcode.common.geo.PolygonIndex;
import healthcode.common.geo.Wkb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The broadcast risk areas, indexed by covering cells in memory (rebuilt from broadcast state after a restore). */
final class RiskAreaIndex {
    private final PolygonIndex<String> polygons;
    private final Map<String, AreaDefinition> definitions = new HashMap<>();

    RiskAreaIndex(int resolution) {
        this.polygons = new PolygonIndex<>(new GridCells(resolution));
    }

    void put(AreaDefinition area) {
        definitions.put(area.areaId, area);
        polygons.put(area.areaId, Wkb.read(area.wkb));
    }

    AreaDefinition definition(String areaId) {
        return definitions.get(areaId);
    }

    /** Areas designated by {@code now}, still active, whose polygon holds the ping. */
    List<String> designatedAround(LocatedPing ping, long now) {
        return polygons.containing(ping.lat, ping.lon, ping.cell).stream()
                .filter(id -> definitions.get(id).at <= now && ping.ts < definitions.get(id).activeUntil())
                .toList();
    }

    boolean holds(String areaId, LocatedPing ping) {
        return polygons.holds(areaId, ping.lat, ping.lon);
    }

    boolean holds(String areaId, double lat, double lon) {
        return polygons.holds(areaId, lat, lon);
    }
}
