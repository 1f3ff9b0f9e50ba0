package healthcode.common.companions;

import healthcode.common.domain.AreaExposure;
import java.util.List;

/**
 * Area stays and exposures (companions.md, Area exposures): a phone's consecutive pings inside a risk
 * area form an area stay, built like a cell stay, clipped to the area's active interval; one at least
 * area-min-stay long is an exposure, detected at the later of the designation and the stay's end.
 */
public final class AreaStays {
    /** An area stay that has ended. */
    public record Ended(long from, long to) {}

    private AreaStays() {}

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
        p.touchedAt = Math.max(p.touchedAt, now);
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
