package healthcode.common.companions;

import healthcode.common.domain.AreaExposure;
import java.util.ArrayList;
import java.util.List;

/**
 * Area stays and exposures (companions.md, Area exposures): a phone's consecutive pings inside a risk
 * area form an area stay, built like a cell stay, clipped to the area's active interval; one at least
 * area-min-stay long is an exposure, detected at the later of the designation and the stay's end.
 */
public final class AreaStays {
    /** An area stay that has ended. */
    public record Ended(long from, long to) {}

    /** Whether a position lies in the area. */
    public interface Inside {
        boolean holds(double lat, double lon);
    }

    /** A phone's progress through an area after a look back, and the exposures it found. */
    public record LookBack(AreaProgress progress, List<AreaExposure> exposures) {}

    private AreaStays() {}

    /**
     * Replays a phone's kept fixes (in time order, up to {@code now}) through an area, for an area
     * designated after the fact; fixes before the retention ahead of the designation are not used.
     */
    public static LookBack lookBack(AreaDefinition area, String msisdn, Fixes fixes, Inside inside, long now,
                                    CompanionSettings settings) {
        AreaProgress p = new AreaProgress();
        List<AreaExposure> exposures = new ArrayList<>();
        long since = area.at - settings.retentionMs();
        for (int i = 0; i < fixes.size(); i++) {
            if (fixes.times[i] >= since && fixes.times[i] <= now) {
                Ended ended = next(p, fixes.times[i], inside.holds(fixes.lats[i], fixes.lons[i]), settings.maxGapMs());
                AreaExposure e = exposure(area, msisdn, ended, p, settings);
                if (e != null) {
                    exposures.add(e);
                }
            }
        }
        p.touchedAt = Math.max(p.touchedAt, now);
        return new LookBack(p, exposures);
    }

    /** Applies the phone's next fix (in event-time order); returns the area stay it ends, if any. */
    public static Ended next(AreaProgress p, long ts, boolean inside, long maxGap) {
        p.touchedAt = Math.max(p.touchedAt, ts);
        if (!p.open) {
            if (inside) {
                start(p, ts);
            }
            return null;
        }
        if (inside && ts - p.runLast <= maxGap) {
            p.runLast = ts;
            return null;
        }
        Ended ended = new Ended(p.runFrom, Stays.endOfRun(p.runLast, ts, maxGap));
        p.open = false;
        if (inside) {
            start(p, ts);
        }
        return ended;
    }

    /** The area stay ended by silence at {@code now}, if any. */
    public static Ended expired(AreaProgress p, long now, long maxGap) {
        if (!p.open || p.runLast + maxGap > now) {
            return null;
        }
        p.open = false;
        p.touchedAt = Math.max(p.touchedAt, p.runLast + maxGap);
        return new Ended(p.runFrom, p.runLast + maxGap);
    }

    /** The exposure of an ended area stay not reported before, or null. */
    public static AreaExposure exposure(AreaDefinition area, String msisdn, Ended stay, AreaProgress p,
                                        CompanionSettings settings) {
        if (stay == null || stay.to() <= p.reportedUntil) {
            return null;
        }
        p.reportedUntil = stay.to();
        long from = Math.max(stay.from(), area.from);
        long to = Math.min(stay.to(), area.activeUntil());
        if (to - from < settings.areaMinStay().toMillis()) {
            return null;
        }
        return new AreaExposure(area.areaId, area.level, msisdn, List.of(), from, to, Math.max(area.at, to));
    }

    private static void start(AreaProgress p, long ts) {
        p.open = true;
        p.runFrom = ts;
        p.runLast = ts;
    }
}
