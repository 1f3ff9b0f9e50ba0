package healthcode.common.geo;

import com.fasterxml.jackson.databind.JsonNode;
import healthcode.common.json.InvalidRecordException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Reads GeoJSON Polygon and MultiPolygon geometries (WGS-84, x = longitude, y = latitude) into JTS,
 * checked; a self-touching or self-crossing boundary is repaired rather than refused.
 */
public final class GeoJsonGeometry {
    /** WGS-84 longitude/latitude; SRID 4326. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final int MAX_POINTS = 200_000;

    private GeoJsonGeometry() {}

    public static Geometry read(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            throw new InvalidRecordException("field 'geometry' must be a GeoJSON geometry object");
        }
        JsonNode type = geometry.get("type");
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw new InvalidRecordException("geometry needs a 'coordinates' array");
        }
        String typeName = type == null ? null : type.asText();
        Geometry result;
        if ("Polygon".equals(typeName)) {
            result = polygon(coordinates);
        } else if ("MultiPolygon".equals(typeName)) {
            Polygon[] polygons = new Polygon[coordinates.size()];
            for (int i = 0; i < polygons.length; i++) {
                polygons[i] = polygon(coordinates.get(i));
            }
            if (polygons.length == 0) {
                throw new InvalidRecordException("MultiPolygon has no polygon");
            }
            result = WGS84.createMultiPolygon(polygons);
        } else {
            throw new InvalidRecordException("geometry type must be Polygon or MultiPolygon, not " + typeName);
        }
        if (result.getNumPoints() > MAX_POINTS) {
            throw new InvalidRecordException("geometry has more than " + MAX_POINTS + " points");
        }
        if (!result.isValid()) {
            // Real boundaries rounded to a grid often touch or cross themselves slightly: repair, keep the area.
            result = GeometryFixer.fix(result);
            if (result.isEmpty() || result.getArea() == 0) {
                throw new InvalidRecordException("invalid geometry: nothing is left after repairing it");
            }
        }
        return result;
    }

    /** The area of a WGS-84 polygon in km², near enough to bound how many grid cells it covers. */
    public static double areaKm2(Geometry geometry) {
        double km2 = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            double latitude = Math.toRadians(part.getCentroid().getY());
            km2 += part.getArea() * 111.32 * 111.32 * Math.cos(latitude);
        }
        return km2;
    }

    private static Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new InvalidRecordException("a polygon needs at least an outer ring");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode points) {
        if (!points.isArray() || points.size() < 4) {
            throw new InvalidRecordException("a ring needs at least 4 positions");
        }
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < coordinates.length; i++) {
            JsonNode p = points.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new InvalidRecordException("a position must be [longitude, latitude]");
            }
            double lon = p.get(0).doubleValue();
            double lat = p.get(1).doubleValue();
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new InvalidRecordException("position [" + lon + ", " + lat + "] is outside WGS-84 ranges");
            }
            coordinates[i] = new Coordinate(lon, lat);
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new InvalidRecordException("a ring must end where it starts");
        }
        return WGS84.createLinearRing(coordinates);
    }
}
