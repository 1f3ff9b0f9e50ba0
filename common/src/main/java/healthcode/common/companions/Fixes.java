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
        Builder out = new Builder();
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= from && times[i] <= to) {
                out.add(times[i], lats[i], lons[i]);
            }
        }
        return out.build();
    }

    /** Collects many fixes without copying the arrays at each one. */
    public static final class Builder {
        private long[] times = new long[16];
        private double[] lats = new double[16];
        private double[] lons = new double[16];
        private int size;

        public void add(long time, double lat, double lon) {
            if (size == times.length) {
                times = Arrays.copyOf(times, 2 * size);
                lats = Arrays.copyOf(lats, 2 * size);
                lons = Arrays.copyOf(lons, 2 * size);
            }
            times[size] = time;
            lats[size] = lat;
            lons[size] = lon;
            size++;
        }

        public Fixes build() {
            Fixes fixes = new Fixes();
            fixes.times = Arrays.copyOf(times, size);
            fixes.lats = Arrays.copyOf(lats, size);
            fixes.lons = Arrays.copyOf(lons, size);
            return fixes;
        }
    }
}
