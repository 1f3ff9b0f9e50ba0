package healthcode.common.domain;

import org.locationtech.jts.geom.Geometry;

/** A venue; {@code confined} marks relatively closed, poorly ventilated places. Event time {@code at}. */
public record Venue(String venueId, String name, boolean confined, long at, Geometry geometry) {}
