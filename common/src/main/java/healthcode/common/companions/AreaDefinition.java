package healthcode.common.companions;

import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.RiskArea;
import healthcode.common.geo.Wkb;

/** A risk area as operators keep it: active in [from, to), designated at {@code at}, polygon as WKB. */
public class AreaDefinition {
    public String areaId;
    public AreaLevel level;
    public long from;
    /** End of the active interval; null while the area is still active. */
    public Long to;
    public long at;
    public byte[] wkb;

    public AreaDefinition() {}

    public static AreaDefinition of(RiskArea area) {
        AreaDefinition a = new AreaDefinition();
        a.areaId = area.areaId();
        a.level = area.level();
        a.from = area.from();
        a.to = area.to();
        a.at = area.at();
        a.wkb = Wkb.write(area.geometry());
        return a;
    }

    /** The same area without its polygon, for operators that only need to know it exists. */
    public AreaDefinition withoutPolygon() {
        AreaDefinition a = new AreaDefinition();
        a.areaId = areaId;
        a.level = level;
        a.from = from;
        a.to = to;
        a.at = at;
        a.wkb = new byte[0];
        return a;
    }

    public long activeUntil() {
        return to == null ? Long.MAX_VALUE : to;
    }

    /** Whether a stay over [stayFrom, stayTo] can lie in the active interval. */
    public boolean activeDuring(long stayFrom, long stayTo) {
        return stayFrom < activeUntil() && stayTo > from;
    }

    @Override
    public String toString() {
        return "area " + areaId + " " + level;
    }
}
