package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.ASYMPTOMATIC;
import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.CONFIRMED;
import static healthcode.common.domain.HealthStatus.DISCHARGED;
import static healthcode.common.domain.HealthStatus.SUB_CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.SUSPECTED;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.HealthStatus;
import healthcode.common.domain.OriginRisk;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** One test per row of the gx-2021-07 table of rules.md (dates in late 2021, the edition in force then). */
class Gx202107RulesTest {
    private final EngineDriver person = EngineDriver.withEditions(null);

    @ParameterizedTest
    @EnumSource(value = HealthStatus.class, names = {"CONFIRMED", "ASYMPTOMATIC", "SUSPECTED"})
    void confirmedAsymptomaticSuspected_redUntilDischarged_thenRed14DaysT1_thenYellow7DaysT1(HealthStatus status) {
        person.record(status(status, "2021-09-01 10:00", "c-1"))
                .record(status(DISCHARGED, "2021-09-10 15:00"))
                .record(negative("2021-09-24 09:00", "2021-09-24 20:00"))
                .record(negative("2021-10-01 09:00", "2021-10-01 20:00"));
        assertEquals(List.of("2021-09-01 10:00 RED", "2021-09-25 00:00 YELLOW", "2021-10-02 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void closeContact_red14DaysFromAnchorT1_thenYellow7DaysT1() {
        person.record(contact(CLOSE_CONTACT, "2021-09-02 09:00", "2021-09-01 20:00", "c-1"))
                .record(negative("2021-09-15 09:00", "2021-09-15 18:00"))
                .record(negative("2021-09-22 10:00", "2021-09-22 20:00"));
        assertEquals(List.of("2021-09-02 09:00 RED", "2021-09-16 00:00 YELLOW", "2021-09-23 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void subCloseContact_red7DaysT1_thenYellow7DaysT1() {
        person.record(contact(SUB_CLOSE_CONTACT, "2021-09-02 09:00", "2021-09-01 20:00", "c-1"))
                .record(negative("2021-09-08 09:00", "2021-09-08 18:00"))
                .record(negative("2021-09-15 09:00", "2021-09-15 18:00"));
        assertEquals(List.of("2021-09-02 09:00 RED", "2021-09-09 00:00 YELLOW", "2021-09-16 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void overseasArrival_red14DaysT1_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.OVERSEAS, "2021-09-01 15:00", "2021-09-01 18:00"))
                .record(negative("2021-09-14 09:00", "2021-09-14 18:00"))
                .record(negative("2021-09-21 09:00", "2021-09-21 18:00"));
        assertEquals(List.of("2021-09-01 18:00 RED", "2021-09-16 00:00 YELLOW", "2021-09-23 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void overseasArrival_withVariantOfConcern_red21DaysT1_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.OVERSEAS, "2021-09-01 15:00", "2021-09-01 18:00", true, null))
                .record(negative("2021-09-21 09:00", "2021-09-21 18:00"))
                .record(negative("2021-09-28 09:00", "2021-09-28 18:00"));
        assertEquals(List.of("2021-09-01 18:00 RED", "2021-09-23 00:00 YELLOW", "2021-09-30 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void arrivalHighRisk_reportedWithin21Days_red14DaysFromArrivalT1_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.HIGH_RISK_AREA, "2021-09-01 15:00", "2021-09-05 18:00"))
                .record(negative("2021-09-14 09:00", "2021-09-14 18:00"))
                .record(negative("2021-09-21 09:00", "2021-09-21 18:00"));
        assertEquals(List.of("2021-09-05 18:00 RED", "2021-09-16 00:00 YELLOW", "2021-09-23 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void arrivalHighRisk_reportedLaterThan21Days_nothing() {
        person.record(arrival(OriginRisk.HIGH_RISK_AREA, "2021-09-01 15:00", "2021-09-23 00:01"));
        assertTrue(person.runUntil(at("2021-12-01 00:00")).isEmpty());
    }

    @Test
    void arrivalRiskCounty_reportedWithin7Days_red7DaysFromArrivalT1_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.RISK_COUNTY, "2021-09-01 15:00", "2021-09-02 18:00"))
                .record(negative("2021-09-07 09:00", "2021-09-07 18:00"))
                .record(negative("2021-09-14 09:00", "2021-09-14 18:00"));
        assertEquals(List.of("2021-09-02 18:00 RED", "2021-09-09 00:00 YELLOW", "2021-09-16 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }

    @Test
    void arrivalRiskCounty_reportedLaterThan7Days_nothing() {
        person.record(arrival(OriginRisk.RISK_COUNTY, "2021-09-01 15:00", "2021-09-09 10:00"));
        assertTrue(person.runUntil(at("2021-12-01 00:00")).isEmpty());
    }

    @Test
    void others_asGeneral2022_companionYellow7DaysT1() {
        person.record(companion("c-1", "2021-09-01 10:00", "2021-09-01 11:00", "2021-09-04 09:00", false))
                .record(negative("2021-09-10 09:00", "2021-09-10 18:00"));
        assertEquals(List.of("2021-09-04 09:00 YELLOW", "2021-09-12 00:00 GREEN"),
                describe(person.runUntil(at("2021-12-01 00:00"))));
    }
}
