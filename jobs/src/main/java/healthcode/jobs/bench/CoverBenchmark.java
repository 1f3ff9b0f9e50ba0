package healthcode.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.h3core.H3Core;
import com.uber.h3core.PolygonToCellsFlags;
import com.uber.h3core.util.LatLng;
import healthcode.common.geo.GeoJsonGeometry;
import healthcode.common.geo.GridCells;
import healthcode.jobs.backfill.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * How fast the polygons of a GeoJSON FeatureCollection are covered with grid cells: the project's
 * cover (ring samples and an interior walk) beside H3's own overlapping polygon fill, in one run.
 * Usage: {@code bin/healthcode bench cover [--geojson FILE]}, by default the Guangxi counties.
 */
public final class CoverBenchmark {
    private CoverBenchmark() {}

    public static void run(Path geojson, int resolution) throws Exception {
        if (!Files.isRegularFile(geojson)) {
            throw new UsageException("no GeoJSON file " + geojson);
        }
        List<Geometry> polygons = new ArrayList<>();
        for (JsonNode feature : new ObjectMapper().readTree(geojson.toFile()).path("features")) {
            polygons.add(GeoJsonGeometry.read(feature.get("geometry")));
        }
        GridCells grid = new GridCells(resolution);
        H3Core h3 = H3Core.newInstance();
        grid.cover(polygons.get(0)); // warm-up
        long start = System.nanoTime();
        long ours = 0;
        for (Geometry polygon : polygons) {
            ours += grid.cover(polygon).length;
        }
        double oursSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long theirs = 0;
        for (Geometry geometry : polygons) {
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Polygon polygon = (Polygon) geometry.getGeometryN(i);
                List<List<LatLng>> holes = new ArrayList<>();
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    holes.add(ring(polygon.getInteriorRingN(h)));
                }
                theirs += h3.polygonToCellsExperimental(ring(polygon.getExteriorRing()), holes, resolution,
                        PolygonToCellsFlags.containment_overlapping).size();
            }
        }
        double theirsSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d polygons from %s at resolution %d%n", polygons.size(), geojson, resolution);
        System.out.printf("H3 overlapping fill:  %6.1f s  %,9d cells%n", theirsSeconds, theirs);
        System.out.printf("ring samples + walk:  %6.1f s  %,9d cells  (%.1f x faster)%n", oursSeconds, ours,
                theirsSeconds / oursSeconds);
    }

    private static List<LatLng> ring(LinearRing ring) {
        Coordinate[] points = ring.getCoordinates();
        List<LatLng> latLngs = new ArrayList<>(points.length);
        for (int i = 0; i < points.length - 1; i++) {
            latLngs.add(new LatLng(points[i].y, points[i].x));
        }
        return latLngs;
    }
}
