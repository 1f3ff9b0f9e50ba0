package healthcode.jobs.functions;

import healthcode.common.companions.ConfinedVenues;
import healthcode.common.companions.VenueShape;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The confined venues over a cell, prepared for point tests once per key handled and only when needed. */
final class CellVenues {
    private final MapState<String, VenueShape> venues;
    private ConfinedVenues prepared;

    CellVenues(RuntimeContext context) {
        this.venues = context.getMapState(new MapStateDescriptor<>("confined-venues", Types.STRING,
                TypeInformation.of(VenueShape.class)));
    }

    /** Forgets what was prepared for the previous key. */
    void startKey() {
        prepared = null;
    }

    /** Keeps a confined venue; forgets one re-registered as not confined. */
    void register(VenueShape venue) throws Exception {
        if (venue.confined) {
            venues.put(venue.venueId, venue);
        } else {
            venues.remove(venue.venueId);
        }
        prepared = null;
    }

    ConfinedVenues prepared() throws Exception {
        if (prepared == null) {
            List<VenueShape> shapes = new ArrayList<>();
            venues.values().forEach(shapes::add);
            prepared = new ConfinedVenues(shapes);
        }
        return prepared;
    }
}
