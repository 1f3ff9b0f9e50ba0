package healthcode.jobs.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.geo.GeoJsonGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** The county-level districts of Guangxi (real polygons), and points drawn inside them. */
final class Province {
    /** A county: its division code, name and polygon. */
    record County(String code, String name, Geometry shape, PreparedGeometry prepared) {
        /** A point inside the county, uniformly over its envelope, retried until inside. */
        double[] pointInside(Random random) {
            Envelope e = shape.getEnvelopeInternal();
            for (int attempt = 0; attempt < 10_000; attempt++) {
                double lon = e.getMinX() + random.nextDouble() * e.getWidth();
                double lat = e.getMinY() + random.nextDouble() * e.getHeight();
                if (prepared.contains(GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, lat)))) {
                    return new double[] {lat, lon};
                }
            }
            Coordinate c = shape.getInteriorPoint().getCoordinate();
            return new double[] {c.y, c.x};
        }
    }

    final List<County> counties;

    private Province(List<County> counties) {
        this.counties = counties;
    }

    /** The counties of a GeoJSON FeatureCollection with {@code code} and {@code name} properties, in file order. */
    static Province read(Path geojson) throws IOException {
        List<County> counties = new ArrayList<>();
        for (JsonNode feature : new ObjectMapper().readTree(geojson.toFile()).get("features")) {
            Geometry shape = GeoJsonGeometry.read(feature.get("geometry"));
            counties.add(new County(feature.get("properties").get("code").asText(),
                    feature.get("properties").get("name").asText(), shape, PreparedGeometryFactory.prepare(shape)));
        }
        return new Province(counties);
    }
}
