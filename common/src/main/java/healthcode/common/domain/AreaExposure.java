package healthcode.common.domain;

import java.util.List;

/** A phone's stay inside an active risk area (companions.md); event time {@code detectedAt}. */
public record AreaExposure(String areaId, AreaLevel level, String msisdn, List<String> personIds, long from, long to,
                           long detectedAt) {
    public AreaExposure withPersons(List<String> persons) {
        return new AreaExposure(areaId, level, msisdn, List.copyOf(persons), from, to, detectedAt);
    }
}
