package healthcode.common.companions;

import healthcode.common.domain.CompanionDetection;
import healthcode.common.geo.GridCells;
import java.util.List;

/**
 * Co-presence of a case's phone and another phone in one cell (companions.md, 4 to 7): both stays
 * clipped to the exposure window overlap for at least min-overlap, and either phone's dwell in the
 * cell exceeds the limit at the end of the overlap.
 */
public final class CoPresence {
    private CoPresence() {}

    /**
     * Whether a case stay and a stay can still be compared: they become known within the retention of
     * each other (stays are kept no longer), so a backfill and a live run compare the same pairs.
     */
    public static boolean withinRetention(CaseStay caseStay, Stay stay, long retention) {
        return Math.abs(stay.to - caseStay.knownAt()) <= retention;
    }

    /** The companion detection of the pair, or null when they are not companions. */
    public static CompanionDetection detect(CaseStay caseStay, Stay stay, ConfinedVenues venues,
                                            CompanionSettings settings) {
        CaseWindow window = caseStay.window;
        Stay own = caseStay.stay;
        if (window.casePhones.contains(stay.msisdn) || own.cell != stay.cell
                || !withinRetention(caseStay, stay, settings.retentionMs())) {
            return null;
        }
        long from = Math.max(window.from, Math.max(own.from, stay.from));
        long to = Math.min(window.to, Math.min(own.to, stay.to));
        if (to - from < settings.minOverlap().toMillis()) {
            return null;
        }
        if (!own.dwellExceededAt(to) && !stay.dwellExceededAt(to)) {
            return null;
        }
        long detectedAt = Math.max(window.reportedAt, to);
        String venueId = venues.sharedVenue(own.fixes, stay.fixes, from, to, detectedAt);
        return new CompanionDetection(window.caseId, stay.msisdn, List.of(), GridCells.address(stay.cell), from, to,
                (to - from) / 60_000L, venueId != null, venueId, detectedAt);
    }
}
