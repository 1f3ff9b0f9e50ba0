package healthcode.common.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** Geometry as WKB bytes: how polygons travel between operators and sit in state (JTS is not a POJO). */
public final class Wkb {
    private Wkb() {}

    public static byte[] write(Geometry geometry) {
        return new WKBWriter().write(geometry);
    }

    public static Geometry read(byte[] wkb) {
        try {
            return new WKBReader(GeoJsonGeometry.WGS84).read(wkb);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not WKB geometry", e);
        }
    }
}
