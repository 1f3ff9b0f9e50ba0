package healthcode.common.geo;

import com.uber.h3core.H3Core;
import com.uber.h3core.PolygonToCellsFlags;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The H3 grid at one resolution (companions.md, Cell): the cell of a position, and the cells that
 * cover a polygon. A cover errs on the generous side (every cell whose bounding box meets the
 * polygon), so the exact point-in-polygon test that follows never misses a point near a cell edge.
 */
public final class GridCells {
    private static final H3Core H3 = load();

    private final int resolution;

    public GridCells(int resolution) {
        if (resolution < 0 || resolution > 15) {
            throw new IllegalArgumentException("H3 resolution must lie in [0, 15], not " + resolution);
        }
        this.resolution = resolution;
    }

    private static H3Core load() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }

    public int resolution() {
        return resolution;
    }

    public long cellOf(double lat, double lon) {
        return H3.latLngToCell(lat, lon, resolution);
    }

    public static String address(long cell) {
        return H3.h3ToString(cell);
    }

    public static long parse(String address) {
        return H3.stringToH3(address);
    }

    /** The centre of a cell as {lat, lon}. */
    public static double[] centre(long cell) {
        LatLng c = H3.cellToLatLng(cell);
        return new double[] {c.lat, c.lng};
    }

    /** The cells that meet a polygon or multipolygon, ascending. */
    public long[] cover(Geometry geometry) {
        TreeSet<Long> cells = new TreeSet<>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(i);
            List<List<LatLng>> holes = new ArrayList<>();
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                holes.add(ring(polygon.getInteriorRingN(h)));
            }
            cells.addAll(H3.polygonToCellsExperimental(ring(polygon.getExteriorRing()), holes, resolution,
                    PolygonToCellsFlags.containment_overlapping_bbox));
            // a polygon smaller than a cell still lies in the cells of its vertices
            for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
                cells.add(cellOf(c.y, c.x));
            }
        }
        return cells.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<LatLng> ring(LinearRing ring) {
        Coordinate[] coordinates = ring.getCoordinates();
        List<LatLng> points = new ArrayList<>(coordinates.length);
        for (int i = 0; i < coordinates.length - 1; i++) {
            points.add(new LatLng(coordinates[i].y, coordinates[i].x));
        }
        return points;
    }
}
