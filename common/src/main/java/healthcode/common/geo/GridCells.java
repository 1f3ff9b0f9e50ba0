package healthcode.common.geo;

import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The H3 grid at one resolution (companions.md, Cell): the cell of a position, and the cells that
 * cover a polygon. A cover errs on the generous side (a ring of neighbours around the boundary), so
 * the exact point-in-polygon test that follows never misses a point near a cell edge.
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

    /**
     * The cells that meet a polygon or multipolygon, ascending. The cells along its rings come from
     * points sampled along them (closer than half a cell edge) and their neighbours; the cells inside
     * are found by walking from there through neighbours whose centre the polygon holds. Each cell
     * costs one exact test against the prepared polygon, so a province is covered in seconds.
     */
    public long[] cover(Geometry geometry) {
        HashSet<Long> border = new HashSet<>();
        double step = sampleStepDegrees();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(i);
            sampleRing(polygon.getExteriorRing(), step, border);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                sampleRing(polygon.getInteriorRingN(h), step, border);
            }
        }
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(geometry);
        HashSet<Long> cells = new HashSet<>(border);
        ArrayDeque<Long> walk = new ArrayDeque<>();
        for (long cell : border) {
            visitNeighbours(cell, prepared, cells, walk);
        }
        while (!walk.isEmpty()) {
            visitNeighbours(walk.poll(), prepared, cells, walk);
        }
        return cells.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private void visitNeighbours(long cell, PreparedGeometry polygon, Set<Long> cells, ArrayDeque<Long> walk) {
        for (long neighbour : H3.gridDisk(cell, 1)) {
            if (!cells.contains(neighbour)) {
                LatLng centre = H3.cellToLatLng(neighbour);
                if (polygon.covers(GeoJsonGeometry.WGS84.createPoint(new Coordinate(centre.lng, centre.lat)))) {
                    cells.add(neighbour);
                    walk.add(neighbour);
                }
            }
        }
    }

    /** Adds the cells of points along the ring, no further apart than the step, and their neighbours. */
    private void sampleRing(LinearRing ring, double step, Set<Long> border) {
        Coordinate[] points = ring.getCoordinates();
        for (int i = 0; i + 1 < points.length; i++) {
            Coordinate a = points[i];
            Coordinate b = points[i + 1];
            int n = Math.max(1, (int) Math.ceil(a.distance(b) / step));
            for (int k = 0; k < n; k++) {
                double f = (double) k / n;
                long cell = cellOf(a.y + f * (b.y - a.y), a.x + f * (b.x - a.x));
                if (border.add(cell)) {
                    border.addAll(H3.gridDisk(cell, 1));
                }
            }
        }
    }

    /** A quarter of the resolution's shortest cell edge, in degrees (a degree is at least 111 km here). */
    private double sampleStepDegrees() {
        double edgeKm = H3.getHexagonEdgeLengthAvg(resolution, LengthUnit.km);
        return edgeKm / 4 / 111.32;
    }
}
