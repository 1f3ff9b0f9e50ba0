package healthcode.common.engine;

import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.domain.OriginRisk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per row of the hc-2022-04 table of rules.md (dates in mid 2022, the edition in force then). */
class Hc202204RulesTest {
    private final EngineDriver person = EngineDriver.withEditions(null);

    @Test
    void arrivalHighRisk_reportedWithin21Days_red14DaysFromArrival_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.HIGH_RISK_AREA, "2022-05-01 15:00", "2022-05-02 09:00"))
                .record(negative("2022-05-22 09:00", "2022-05-22 18:00"));
        assertEquals(List.of("2022-05-02 09:00 RED", "2022-05-16 00:00 YELLOW", "2022-05-23 00:00 GREEN"),
                describe(person.runUntil(at("2022-07-01 00:00"))));
    }

    @Test
    void arrivalHighRisk_reportedAfter21Days_yellow7DaysFromReportT1() {
        person.record(arrival(OriginRisk.HIGH_RISK_AREA, "2022-05-01 15:00", "2022-05-25 09:00"))
                .record(negative("2022-06-01 09:00", "2022-06-01 18:00"));
        assertEquals(List.of("2022-05-25 09:00 YELLOW", "2022-06-02 00:00 GREEN"),
                describe(person.runUntil(at("2022-07-01 00:00"))));
    }

    @Test
    void arrivalRiskCounty_reportedWithin7Days_red7DaysFromArrival_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.RISK_COUNTY, "2022-05-01 15:00", "2022-05-03 09:00"))
                .record(negative("2022-05-15 09:00", "2022-05-15 18:00"));
        assertEquals(List.of("2022-05-03 09:00 RED", "2022-05-09 00:00 YELLOW", "2022-05-16 00:00 GREEN"),
                describe(person.runUntil(at("2022-07-01 00:00"))));
    }

    @Test
    void arrivalRiskCounty_reportedLater_yellow7DaysFromReportT1() {
        person.record(arrival(OriginRisk.RISK_COUNTY, "2022-05-01 15:00", "2022-05-10 09:00"))
                .record(negative("2022-05-17 09:00", "2022-05-17 18:00"));
        assertEquals(List.of("2022-05-10 09:00 YELLOW", "2022-05-18 00:00 GREEN"),
                describe(person.runUntil(at("2022-07-01 00:00"))));
    }

    @Test
    void arrivalCaseCity_yellow7DaysFromArrivalT1() {
        person.record(arrival(OriginRisk.CASE_CITY, "2022-05-01 15:00", "2022-05-01 20:00"))
                .record(negative("2022-05-08 09:00", "2022-05-08 18:00"));
        assertEquals(List.of("2022-05-01 20:00 YELLOW", "2022-05-09 00:00 GREEN"),
                describe(person.runUntil(at("2022-07-01 00:00"))));
    }
}
