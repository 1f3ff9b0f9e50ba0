package healthcode.jobs.functions;

import static healthcode.jobs.functions.TestRecords.at;

import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.LocatedPing;
import healthcode.common.domain.CaseKind;
import healthcode.common.domain.CaseReport;
import healthcode.common.geo.GridCells;
import java.util.ArrayList;
import java.util.List;

/** Phones moving between named places, for the companion functions' harness tests. */
final class Tracks {
    static final CompanionSettings SPEC = CompanionSettings.defaults();
    static final GridCells GRID = new GridCells(SPEC.h3Resolution());
    static final double[] HOME = {22.8170, 108.3660};
    static final double[] KTV = {22.8300, 108.3300};
    static final double[] ELSEWHERE = {22.9000, 108.5000};

    private Tracks() {}

    static long cell(double[] place) {
        return GRID.cellOf(place[0], place[1]);
    }

    static LocatedPing ping(String msisdn, String at, double[] place) {
        return new LocatedPing(msisdn, at(at), place[0], place[1], cell(place), false);
    }

    /** A ping every {@code everyMinutes} from {@code from} to {@code to}, both included. */
    static List<LocatedPing> pings(String msisdn, String from, String to, int everyMinutes, double[] place) {
        List<LocatedPing> pings = new ArrayList<>();
        for (long ts = at(from); ts <= at(to); ts += everyMinutes * 60_000L) {
            pings.add(new LocatedPing(msisdn, ts, place[0], place[1], cell(place), false));
        }
        return pings;
    }

    /** A confirmed case on one phone, with onset and isolation; the window opens four days before onset. */
    static CaseWindow window(String caseId, String msisdn, String onset, String isolated, String reported) {
        return CaseWindow.of(new CaseReport(caseId, "p-" + caseId, List.of(msisdn), CaseKind.CONFIRMED, at(onset), null,
                at(isolated), at(reported)), SPEC).get(0);
    }
}
