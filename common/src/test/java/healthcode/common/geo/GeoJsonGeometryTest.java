package healthcode.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.codec.InputDecoders;
import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.RiskArea;
import healthcode.common.json.InvalidRecordException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** GeoJSON polygons into JTS: real Guangxi districts, holes, multipolygons, and bad geometry refused. */
class GeoJsonGeometryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Point point(double lon, double lat) {
        return GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, lat));
    }

    private static JsonNode county(String code) throws Exception {
        try (InputStream in = GeoJsonGeometryTest.class.getResourceAsStream("/geo/guangxi-two-counties.geojson")) {
            for (JsonNode feature : JSON.readTree(in).get("features")) {
                if (feature.get("properties").get("code").asText().equals(code)) {
                    return feature.get("geometry");
                }
            }
        }
        throw new IllegalArgumentException(code);
    }

    @Test
    void realDistricts_polygonAndMultiPolygon() throws Exception {
        Geometry xingning = GeoJsonGeometry.read(county("450102"));
        Geometry haicheng = GeoJsonGeometry.read(county("450502"));
        assertTrue(xingning.isValid() && xingning instanceof org.locationtech.jts.geom.Polygonal);
        assertEquals("MultiPolygon", haicheng.getGeometryType());
        assertEquals(3, haicheng.getNumGeometries());
        assertTrue(xingning.contains(xingning.getInteriorPoint()));
        assertFalse(xingning.contains(haicheng.getInteriorPoint()));
        assertTrue(haicheng.contains(haicheng.getInteriorPoint()));
    }

    @Test
    void holesAreExcluded() throws Exception {
        Geometry square = GeoJsonGeometry.read(JSON.readTree("{\"type\":\"Polygon\",\"coordinates\":["
                + "[[108,22],[109,22],[109,23],[108,23],[108,22]],"
                + "[[108.4,22.4],[108.6,22.4],[108.6,22.6],[108.4,22.6],[108.4,22.4]]]}"));
        assertTrue(square.contains(point(108.2, 22.2)));
        assertFalse(square.contains(point(108.5, 22.5)));
    }

    private static String reason(String geometry) {
        return assertThrows(InvalidRecordException.class, () -> GeoJsonGeometry.read(JSON.readTree(geometry))).getMessage();
    }

    @Test
    void badGeometryIsRefusedWithAReason() {
        assertEquals("geometry type must be Polygon or MultiPolygon, not Point",
                reason("{\"type\":\"Point\",\"coordinates\":[108,22]}"));
        assertEquals("a ring must end where it starts",
                reason("{\"type\":\"Polygon\",\"coordinates\":[[[108,22],[109,22],[109,23],[108,23]]]}"));
        assertEquals("position [200.0, 22.0] is outside WGS-84 ranges",
                reason("{\"type\":\"Polygon\",\"coordinates\":[[[200,22],[109,22],[109,23],[200,22]]]}"));
        assertEquals("invalid geometry: nothing is left after repairing it",
                reason("{\"type\":\"Polygon\",\"coordinates\":[[[108,22],[109,22],[108,22],[109,22],[108,22]]]}"));
    }

    @Test
    void aSelfCrossingBoundaryIsRepaired_keepingBothLobes() throws Exception {
        Geometry bowtie = GeoJsonGeometry.read(JSON.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[108,22],[109,23],[109,22],[108,23],[108,22]]]}"));
        assertTrue(bowtie.isValid());
        assertTrue(bowtie.contains(point(108.1, 22.5)));
        assertTrue(bowtie.contains(point(108.9, 22.5)));
    }

    @Test
    void riskAreaFeature_decodesWithItsActiveInterval() {
        RiskArea area = new InputDecoders.RiskAreas().decode("{\"type\":\"Feature\",\"properties\":{\"areaId\":\"a-1\","
                + "\"level\":\"SEALED\",\"from\":\"2022-05-01T00:00:00+08:00\",\"at\":\"2022-05-02T10:00:00+08:00\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108,22],[109,22],[109,23],[108,23],[108,22]]]}}").value();
        assertEquals(AreaLevel.SEALED, area.level());
        assertEquals(null, area.to());
        assertTrue(area.geometry().contains(point(108.5, 22.5)));
        assertEquals("'to' must be after 'from'", new InputDecoders.RiskAreas().decode("{\"type\":\"Feature\",\"properties\":"
                + "{\"areaId\":\"a\",\"level\":\"HIGH\",\"from\":1000,\"to\":1000,\"at\":5}}").rejection().reason());
    }

    @Test
    void aPolygonLargerThanTheLimitIsRefused_soNoAreaCoversTooManyCells() {
        String feature = "{\"type\":\"Feature\",\"properties\":{\"areaId\":\"a-1\",\"level\":\"SEALED\","
                + "\"from\":\"2022-05-01T00:00:00+08:00\",\"at\":\"2022-05-02T10:00:00+08:00\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[100,20],[110,20],[110,26],[100,26],[100,20]]]}}";
        String reason = new InputDecoders.RiskAreas().decode(feature).rejection().reason();
        assertTrue(reason.matches("polygon of about 6\\d{5} km² is larger than the limit of 250000 km²"), reason);
        assertTrue(new InputDecoders.RiskAreas(1_000_000).decode(feature).ok());
    }
}
