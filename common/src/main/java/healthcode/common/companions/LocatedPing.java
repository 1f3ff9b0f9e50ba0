package healthcode.common.companions;

import java.util.Comparator;

/** A ping with its position (its own, or its tower's) and grid cell; event time {@code ts}. */
public class LocatedPing {
    /** Pings of one instant apply in this order, so a phone's stays never depend on arrival order. */
    public static final Comparator<LocatedPing> ORDER = Comparator.<LocatedPing>comparingLong(p -> p.ts)
            .thenComparingLong(p -> p.cell).thenComparingDouble(p -> p.lat).thenComparingDouble(p -> p.lon);

    public String msisdn;
    public long ts;
    public double lat;
    public double lon;
    public long cell;
    /** Positioned by its tower: such pings never place a phone inside a venue. */
    public boolean tower;

    public LocatedPing() {}

    public LocatedPing(String msisdn, long ts, double lat, double lon, long cell, boolean tower) {
        this.msisdn = msisdn;
        this.ts = ts;
        this.lat = lat;
        this.lon = lon;
        this.cell = cell;
        this.tower = tower;
    }

    @Override
    public String toString() {
        return "ping@" + ts + " cell " + Long.toHexString(cell);
    }
}
