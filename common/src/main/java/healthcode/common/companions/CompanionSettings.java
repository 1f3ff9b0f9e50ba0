package healthcode.common.companions;

import java.io.Serializable;
import java.time.Duration;

/**
 * The numbers of companions.md, each a setting with the spec's default.
 *
 * @param h3Resolution grid resolution of a cell (8: about 0.74 km²)
 * @param maxGap a stay ends no later than its last ping + this; pings further apart split it
 * @param lookback the exposure window opens this long before onset or first positive sample
 * @param minOverlap shortest co-presence that counts
 * @param dwellLookback period over which a phone's time in a cell is summed
 * @param minCumulativeDwell either phone must have stayed longer than this in the cell; zero switches it off
 * @param retention how long stays, pings and case windows are kept for late and retroactive matching
 * @param areaMinStay shortest stay in a risk area that is an exposure
 * @param bucket the time bucket under which a cell's stays are stored
 * @param maxPolygonKm2 a venue or risk area larger than this is refused (it would cover too many cells)
 */
public record CompanionSettings(int h3Resolution, Duration maxGap, Duration lookback, Duration minOverlap,
                                Duration dwellLookback, Duration minCumulativeDwell, Duration retention,
                                Duration areaMinStay, Duration bucket, double maxPolygonKm2) implements Serializable {

    public static CompanionSettings defaults() {
        return new CompanionSettings(8, Duration.ofMinutes(30), Duration.ofDays(4), Duration.ofMinutes(10),
                Duration.ofDays(14), Duration.ofHours(30), Duration.ofDays(14), Duration.ofMinutes(30),
                Duration.ofHours(1), 250_000);
    }

    public CompanionSettings {
        if (h3Resolution < 0 || h3Resolution > 15) {
            throw new IllegalArgumentException("h3Resolution must lie in [0, 15]");
        }
        for (Duration d : new Duration[] {maxGap, lookback, minOverlap, dwellLookback, retention, areaMinStay, bucket}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
        if (!(maxPolygonKm2 > 0)) {
            throw new IllegalArgumentException("maxPolygonKm2 must be positive");
        }
        if (minCumulativeDwell.isNegative()) {
            throw new IllegalArgumentException("minCumulativeDwell must not be negative");
        }
    }

    public long maxGapMs() {
        return maxGap.toMillis();
    }

    public long retentionMs() {
        return retention.toMillis();
    }

    public long bucketMs() {
        return bucket.toMillis();
    }

    public long bucketOf(long time) {
        return Math.floorDiv(time, bucketMs()) * bucketMs();
    }
}
