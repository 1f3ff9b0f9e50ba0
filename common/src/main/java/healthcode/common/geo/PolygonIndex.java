package healthcode.common.geo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Polygons indexed by the grid cells that cover them: finding the polygons around a position costs
 * one hash lookup on its cell and an exact test against the few polygons of that cell, never a scan
 * of all polygons. A point on a boundary counts as inside; a point in a hole does not.
 */
public final class PolygonIndex<K> {
    private final GridCells grid;
    private final Map<Long, List<Entry<K>>> byCell = new HashMap<>();
    private final Map<K, Entry<K>> byKey = new HashMap<>();

    private record Entry<K>(K key, PreparedGeometry geometry, long[] cells) {}

    public PolygonIndex(GridCells grid) {
        this.grid = grid;
    }

    public void put(K key, Geometry geometry) {
        remove(key);
        Entry<K> entry = new Entry<>(key, PreparedGeometryFactory.prepare(geometry), grid.cover(geometry));
        byKey.put(key, entry);
        for (long cell : entry.cells()) {
            byCell.computeIfAbsent(cell, c -> new ArrayList<>(1)).add(entry);
        }
    }

    public void remove(K key) {
        Entry<K> old = byKey.remove(key);
        if (old == null) {
            return;
        }
        for (long cell : old.cells()) {
            List<Entry<K>> entries = byCell.get(cell);
            entries.remove(old);
            if (entries.isEmpty()) {
                byCell.remove(cell);
            }
        }
    }

    public int size() {
        return byKey.size();
    }

    /** The keys of the polygons that hold the position, whose cell is {@code cell}. */
    public List<K> containing(double lat, double lon, long cell) {
        List<Entry<K>> candidates = byCell.get(cell);
        if (candidates == null) {
            return List.of();
        }
        Point point = GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, lat));
        List<K> keys = new ArrayList<>(1);
        for (Entry<K> entry : candidates) {
            if (entry.geometry().covers(point)) {
                keys.add(entry.key());
            }
        }
        return keys;
    }

    /** Whether the polygon of {@code key} holds the position. */
    public boolean holds(K key, double lat, double lon) {
        Entry<K> entry = byKey.get(key);
        return entry != null && entry.geometry().covers(GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, lat)));
    }
}
