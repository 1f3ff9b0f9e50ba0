package healthcode.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shapes a .geojson input file may take. */
class GeoJsonFeaturesTest {
    private static final String A = "{\"type\":\"Feature\",\"properties\":{\"areaId\":\"a\"},\"geometry\":null}";
    private static final String B = "{\"type\":\"Feature\",\"properties\":{\"areaId\":\"b\"},\"geometry\":null}";

    @Test
    void aFeatureCollectionGivesItsFeatures() {
        assertEquals(Optional.of(List.of(A, B)),
                GeoJsonFeatures.ofCollection("\uFEFF{\"type\":\"FeatureCollection\",\"features\":[\n" + A + ",\n" + B + "]}"));
    }

    @Test
    void anArrayOfFeaturesAndOnePrettyPrintedFeatureAreReadWhole() {
        assertEquals(Optional.of(List.of(A, B)), GeoJsonFeatures.ofCollection("[" + A + ",\n" + B + "]"));
        assertEquals(Optional.of(List.of(A)), GeoJsonFeatures.ofCollection(A.replace(",", ",\n  ")));
    }

    @Test
    void oneFeaturePerLineIsLeftToBeReadLineByLine() {
        assertEquals(Optional.empty(), GeoJsonFeatures.ofCollection(A + "\n" + B + "\n"));
        assertEquals(Optional.empty(), GeoJsonFeatures.ofCollection(A));
    }
}
