package healthcode.common.domain;

import java.util.List;

/** A reported case ({@code cases}); event time {@code reportedAt}. */
public record CaseReport(String caseId, String personId, List<String> msisdns, CaseKind kind,
                         Long onsetAt, Long firstPositiveSampleAt, long isolatedAt, long reportedAt) {

    /** E in companions.md: the earlier of onset and first positive sample. */
    public long exposureReference() {
        if (onsetAt == null) {
            return firstPositiveSampleAt;
        }
        return firstPositiveSampleAt == null ? onsetAt : Math.min(onsetAt, firstPositiveSampleAt);
    }
}
