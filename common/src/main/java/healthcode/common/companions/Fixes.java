package healthcode.common.companions;

import java.util.Arrays;

/** Timed positions of a phone, as parallel primitive arrays (compact in state and on the wire). */
public class Fixes {
    public long[] times = new long[0];
    public double[] lats = new double[0];
    public double[] lons = new double[0];

    public Fixes() {}

    public int size() {
        return times.length;
    }

    public void add(long time, double lat, double lon) {
        int n = times.length;
        times = Arrays.copyOf(times, n + 1);
        lats = Arrays.copyOf(lats, n + 1);
        lons = Arrays.copyOf(lons, n + 1);
        times[n] = time;
        lats[n] = lat;
        lons[n] = lon;
    }

    /** The fixes whose time lies in [from, to]. */
    public Fixes between(long from, long to) {
        Fixes out = new Fixes();
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= from && times[i] <= to) {
                out.add(times[i], lats[i], lons[i]);
            }
        }
        return out;
    }
}
