package healthcode.common.companions;

import healthcode.common.domain.Venue;
import healthcode.common.geo.Wkb;

/** A venue as operators keep it: the polygon travels as WKB. Event time {@code at}. */
public class VenueShape {
    public String venueId;
    public boolean confined;
    public long at;
    public byte[] wkb;

    public VenueShape() {}

    public static VenueShape of(Venue venue) {
        VenueShape v = new VenueShape();
        v.venueId = venue.venueId();
        v.confined = venue.confined();
        v.at = venue.at();
        v.wkb = Wkb.write(venue.geometry());
        return v;
    }
}
