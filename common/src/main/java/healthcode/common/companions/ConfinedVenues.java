package healthcode.common.companions;

import healthcode.common.geo.GeoJsonGeometry;
import healthcode.common.geo.Wkb;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** The confined venues of one cell, prepared for exact point-in-polygon tests. */
public final class ConfinedVenues {
    private record Prepared(String venueId, long at, PreparedGeometry geometry) {}

    private final List<Prepared> venues = new ArrayList<>();

    public ConfinedVenues(Collection<VenueShape> shapes) {
        for (VenueShape v : shapes) {
            venues.add(new Prepared(v.venueId, v.at, PreparedGeometryFactory.prepare(Wkb.read(v.wkb))));
        }
        venues.sort(Comparator.comparing(Prepared::venueId));
    }

    public boolean isEmpty() {
        return venues.isEmpty();
    }

    /**
     * The first venue (by id) known by {@code knownBy} in which both phones have a fix within [from, to];
     * null if none.
     */
    public String sharedVenue(Fixes a, Fixes b, long from, long to, long knownBy) {
        Fixes aIn = a.between(from, to);
        Fixes bIn = b.between(from, to);
        if (aIn.size() == 0 || bIn.size() == 0) {
            return null;
        }
        for (Prepared venue : venues) {
            if (venue.at() <= knownBy && anyInside(venue.geometry(), aIn) && anyInside(venue.geometry(), bIn)) {
                return venue.venueId();
            }
        }
        return null;
    }

    private static boolean anyInside(PreparedGeometry geometry, Fixes fixes) {
        for (int i = 0; i < fixes.size(); i++) {
            if (geometry.covers(GeoJsonGeometry.WGS84.createPoint(new Coordinate(fixes.lons[i], fixes.lats[i])))) {
                return true;
            }
        }
        return false;
    }
}
