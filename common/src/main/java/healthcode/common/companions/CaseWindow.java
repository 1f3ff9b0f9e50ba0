package healthcode.common.companions;

import healthcode.common.domain.CaseReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The exposure window of a case (companions.md, 3) as seen by one of its phones: from E - lookback
 * to isolation, where E is the earlier of onset and first positive sample. Event time {@code reportedAt}.
 */
public class CaseWindow {
    public String caseId;
    /** The phone this copy is routed to. */
    public String msisdn;
    /** All the case's phones: none of them is ever its companion. */
    public List<String> casePhones = new ArrayList<>();
    public long from;
    public long to;
    public long reportedAt;

    public CaseWindow() {}

    /** One window per phone of the case; none when the window is empty. */
    public static List<CaseWindow> of(CaseReport report, CompanionSettings settings) {
        long from = report.exposureReference() - settings.lookback().toMillis();
        long to = report.isolatedAt();
        List<CaseWindow> windows = new ArrayList<>();
        if (to <= from) {
            return windows;
        }
        for (String phone : report.msisdns().stream().distinct().sorted().toList()) {
            CaseWindow w = new CaseWindow();
            w.caseId = report.caseId();
            w.msisdn = phone;
            w.casePhones = new ArrayList<>(report.msisdns());
            w.from = from;
            w.to = to;
            w.reportedAt = report.reportedAt();
            windows.add(w);
        }
        return windows;
    }

    public boolean overlaps(long stayFrom, long stayTo) {
        return stayFrom < to && stayTo > from;
    }

    @Override
    public String toString() {
        return "case " + caseId + " window [" + from + ", " + to + "]";
    }
}
