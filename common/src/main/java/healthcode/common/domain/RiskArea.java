package healthcode.common.domain;

import org.locationtech.jts.geom.Geometry;

/** A designated risk area, active in [from, to); event time {@code at} (the designation). */
public record RiskArea(String areaId, AreaLevel level, long from, Long to, long at, Geometry geometry) {}
