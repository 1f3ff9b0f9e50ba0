package healthcode.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import com.uber.h3core.H3Core;
import com.uber.h3core.PolygonToCellsFlags;
import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** The polygon index over real Nanning districts: boundaries, holes, multipolygons, and no missed cell. */
class PolygonIndexTest {
    private static final GridCells GRID = new GridCells(8);
    private static Geometry xingning;
    private static Geometry qingxiu;
    private static Geometry xixiangtang;

    @BeforeAll
    static void readDistricts() throws Exception {
        try (InputStream in = PolygonIndexTest.class.getResourceAsStream("/geo/nanning-districts.geojson")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode feature : root.get("features")) {
                Geometry geometry = GeoJsonGeometry.read(feature.get("geometry"));
                switch (feature.get("properties").get("code").asText()) {
                    case "450102" -> xingning = geometry;
                    case "450103" -> qingxiu = geometry;
                    case "450107" -> xixiangtang = geometry;
                    default -> { }
                }
            }
        }
    }

    private static Polygon largestPart(Geometry geometry) {
        Polygon largest = null;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon part = (Polygon) geometry.getGeometryN(i);
            if (largest == null || part.getArea() > largest.getArea()) {
                largest = part;
            }
        }
        return largest;
    }

    private static PolygonIndex<String> districts() {
        PolygonIndex<String> index = new PolygonIndex<>(GRID);
        index.put("xingning", xingning);
        index.put("qingxiu", qingxiu);
        index.put("xixiangtang", xixiangtang);
        return index;
    }

    private static List<String> at(PolygonIndex<String> index, double lat, double lon) {
        return index.containing(lat, lon, GRID.cellOf(lat, lon));
    }

    @Test
    void aPointOnTheBorderOfTwoDistrictsIsInBoth() {
        // a vertex both districts' boundaries share, and the midpoint of the edge after it on both
        Coordinate shared = new Coordinate(108.394531, 22.862305);
        assertEquals(List.of("xingning", "qingxiu"), at(districts(), shared.y, shared.x));
    }

    @Test
    void aPointInAHoleIsOutside_andOneOnTheHolesEdgeIsInside() {
        Polygon district = largestPart(xingning);
        Coordinate centre = district.getInteriorPoint().getCoordinate();
        double half = 0.01;
        LinearRing hole = GeoJsonGeometry.WGS84.createLinearRing(new Coordinate[] {
            new Coordinate(centre.x - half, centre.y - half), new Coordinate(centre.x + half, centre.y - half),
            new Coordinate(centre.x + half, centre.y + half), new Coordinate(centre.x - half, centre.y + half),
            new Coordinate(centre.x - half, centre.y - half)});
        Polygon withHole = GeoJsonGeometry.WGS84.createPolygon(
                district.getExteriorRing(), new LinearRing[] {hole});
        PolygonIndex<String> index = new PolygonIndex<>(GRID);
        index.put("sealed-except-hospital", withHole);

        assertEquals(List.of(), at(index, centre.y, centre.x));
        assertEquals(List.of("sealed-except-hospital"), at(index, centre.y, centre.x + half));
        assertEquals(List.of("sealed-except-hospital"), at(index, centre.y, centre.x + 2 * half));
    }

    @Test
    void everyPartOfAMultiPolygonIsFound() {
        assertTrue(xixiangtang.getNumGeometries() > 1);
        PolygonIndex<String> index = districts();
        for (int i = 0; i < xixiangtang.getNumGeometries(); i++) {
            Coordinate inside = xixiangtang.getGeometryN(i).getInteriorPoint().getCoordinate();
            assertEquals(List.of("xixiangtang"), at(index, inside.y, inside.x), "part " + i);
        }
    }

    @Test
    void pointsNearTheBoundaryAreFoundThroughTheirCellExactlyWhenThePolygonHoldsThem() {
        PolygonIndex<String> index = districts();
        Random random = new Random(8);
        Coordinate[] boundary = xingning.getCoordinates();
        PreparedGeometry oracle = PreparedGeometryFactory.prepare(xingning);
        int inside = 0;
        for (int i = 0; i < 3000; i++) {
            Coordinate c = boundary[random.nextInt(boundary.length)];
            double lat = c.y + (random.nextDouble() - 0.5) * 0.01;
            double lon = c.x + (random.nextDouble() - 0.5) * 0.01;
            boolean holds = oracle.covers(GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, lat)));
            assertEquals(holds, at(index, lat, lon).contains("xingning"), lat + "," + lon);
            inside += holds ? 1 : 0;
        }
        assertTrue(inside > 500 && inside < 2500, "the sample straddles the boundary: " + inside);
    }

    @Test
    void aPlaceFarAwayMatchesNothing_andARemovedPolygonIsGone() {
        PolygonIndex<String> index = districts();
        assertEquals(List.of(), at(index, 21.48, 109.12)); // Beihai
        Coordinate inside = qingxiu.getInteriorPoint().getCoordinate();
        index.remove("qingxiu");
        assertFalse(at(index, inside.y, inside.x).contains("qingxiu"));
        assertEquals(2, index.size());
    }

    @Test
    void aVenueSmallerThanACellIsCoveredByTheCellItLiesIn() {
        double lat = 22.8300;
        double lon = 108.3300;
        double half = 0.0002;
        Geometry ktv = GeoJsonGeometry.WGS84.createPolygon(new Coordinate[] {
            new Coordinate(lon - half, lat - half), new Coordinate(lon + half, lat - half),
            new Coordinate(lon + half, lat + half), new Coordinate(lon - half, lat + half),
            new Coordinate(lon - half, lat - half)});
        long[] cells = GRID.cover(ktv);
        List<Long> cover = new ArrayList<>();
        for (long cell : cells) {
            cover.add(cell);
        }
        assertTrue(cover.contains(GRID.cellOf(lat, lon)));
        assertTrue(cells.length <= 7, "a venue meets a handful of cells at most: " + cells.length);
    }

    @Test
    void theCoverHoldsEveryCellH3FindsOverlappingTheDistrict() throws Exception {
        H3Core h3 = H3Core.newInstance();
        Polygon district = largestPart(qingxiu);
        List<LatLng> ring = new ArrayList<>();
        Coordinate[] points = district.getExteriorRing().getCoordinates();
        for (int i = 0; i < points.length - 1; i++) {
            ring.add(new LatLng(points[i].y, points[i].x));
        }
        Set<Long> cover = new HashSet<>();
        for (long cell : GRID.cover(district)) {
            cover.add(cell);
        }
        List<Long> overlapping = h3.polygonToCellsExperimental(ring, List.of(), 8,
                PolygonToCellsFlags.containment_overlapping);
        assertTrue(overlapping.size() > 1000, "a district covers many cells: " + overlapping.size());
        assertTrue(cover.containsAll(overlapping));
        assertTrue(cover.size() < overlapping.size() * 1.5, "and not many more: " + cover.size() + " for " + overlapping.size());
    }
}
