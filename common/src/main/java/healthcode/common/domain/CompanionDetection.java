package healthcode.common.domain;

import java.util.List;

/** One co-presence of a phone with a case's phone (companions.md); event time {@code detectedAt}. */
public record CompanionDetection(String caseId, String msisdn, List<String> personIds, String cell, long from, long to,
                                 long overlapMinutes, boolean confined, String venueId, long detectedAt) {
    public CompanionDetection withPersons(List<String> persons) {
        return new CompanionDetection(caseId, msisdn, List.copyOf(persons), cell, from, to, overlapMinutes, confined,
                venueId, detectedAt);
    }
}
