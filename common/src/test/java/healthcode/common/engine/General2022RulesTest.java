package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.ASYMPTOMATIC;
import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.CONFIRMED;
import static healthcode.common.domain.HealthStatus.DISCHARGED;
import static healthcode.common.domain.HealthStatus.FALSE_POSITIVE;
import static healthcode.common.domain.HealthStatus.SUB_CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.SUSPECTED;
import static healthcode.common.domain.HealthStatus.SUSPECT_EXCLUDED;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.CaseKind;
import healthcode.common.domain.Category;
import healthcode.common.domain.OriginRisk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per row of the general-2022 table of rules.md. */
class General2022RulesTest {
    private final EngineDriver person = EngineDriver.withEditions("general-2022");

    @Test
    void confirmed_redUntilDischarged_thenRed14DaysT1_thenYellow14DaysT1() {
        person.record(caseReport(CaseKind.CONFIRMED, "c-1", "2022-02-01 10:00"))
                .record(status(DISCHARGED, "2022-02-10 15:00"))
                .record(negative("2022-02-23 09:00", "2022-02-23 20:00"))
                .record(negative("2022-03-09 09:00", "2022-03-09 20:00"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-02-25 00:00 YELLOW", "2022-03-11 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void asymptomatic_redUntilDischarged_thenYellow14DaysT1() {
        person.record(caseReport(CaseKind.ASYMPTOMATIC, "c-1", "2022-02-01 10:00"))
                .record(status(DISCHARGED, "2022-02-10 15:00"))
                .record(negative("2022-02-24 09:00", "2022-02-24 20:00"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-02-10 15:00 YELLOW", "2022-02-25 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void suspected_redUntilDischarged_thenRed14DaysT1_thenYellow7DaysT1() {
        person.record(status(SUSPECTED, "2022-02-01 10:00"))
                .record(status(DISCHARGED, "2022-02-05 12:00"))
                .record(negative("2022-02-19 08:00", "2022-02-19 18:00"))
                .record(negative("2022-02-26 08:00", "2022-02-26 18:00"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-02-20 00:00 YELLOW", "2022-02-27 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void suspected_endsAtOnceOnSuspectExcluded() {
        person.record(status(SUSPECTED, "2022-02-01 10:00")).record(status(SUSPECT_EXCLUDED, "2022-02-02 11:00"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-02-02 11:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void suspected_becomingConfirmed_endsSuspectedAndOpensConfirmed() {
        person.record(status(SUSPECTED, "2022-02-01 10:00")).record(status(CONFIRMED, "2022-02-02 11:00", "c-9"));
        assertEquals(List.of("2022-02-01 10:00 RED"), describe(person.runUntil(at("2022-04-01 00:00"))));
        assertEquals(List.of("CONFIRMED:c-9"), person.current().activeEpisodes().stream().map(e -> e.episodeId()).toList());
    }

    @Test
    void positiveScreening_red_untilTwoNegativesSampledAfterThePositive24HoursApart() {
        person.record(positive("2022-02-01 08:00", "2022-02-01 12:00"))
                .record(negative("2022-02-01 20:00", "2022-02-02 06:00"))   // 12 h after the next: not spaced
                .record(negative("2022-02-02 08:00", "2022-02-02 18:00"))
                .record(negative("2022-02-03 09:00", "2022-02-03 20:00"));
        assertEquals(List.of("2022-02-01 12:00 RED", "2022-02-03 20:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void positiveScreening_endsOnFalsePositive() {
        person.record(positive("2022-02-01 08:00", "2022-02-01 12:00")).record(status(FALSE_POSITIVE, "2022-02-02 09:00"));
        assertEquals(List.of("2022-02-01 12:00 RED", "2022-02-02 09:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void positiveScreening_endsWhenAConfirmedEpisodeOpens_andIsNotOpenedWhileConfirmed() {
        person.record(positive("2022-02-01 08:00", "2022-02-01 12:00"))
                .record(caseReport(CaseKind.CONFIRMED, "c-1", "2022-02-02 10:00"))
                .record(positive("2022-02-03 08:00", "2022-02-03 12:00"));
        person.runUntil(at("2022-02-05 00:00"));
        assertEquals(List.of(Category.CONFIRMED),
                person.current().activeEpisodes().stream().map(e -> e.category()).toList());
    }

    @Test
    void closeContact_red14DaysFromAnchorT1_thenYellow7DaysT1() {
        person.record(contact(CLOSE_CONTACT, "2022-02-03 09:00", "2022-02-01 20:00", "c-1"))
                .record(negative("2022-02-15 09:00", "2022-02-15 18:00"))
                .record(negative("2022-02-22 10:00", "2022-02-22 20:00"));
        assertEquals(List.of("2022-02-03 09:00 RED", "2022-02-16 00:00 YELLOW", "2022-02-23 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void subCloseContact_red7DaysFromAnchorT1_thenEnds() {
        person.record(contact(SUB_CLOSE_CONTACT, "2022-02-02 09:00", "2022-02-01 20:00", "c-1"))
                .record(negative("2022-02-08 09:00", "2022-02-08 18:00"));
        assertEquals(List.of("2022-02-02 09:00 RED", "2022-02-09 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void overseasArrival_red14DaysFromArrivalT1_thenYellow7DaysT1() {
        person.record(arrival(OriginRisk.OVERSEAS, "2022-02-01 15:00", "2022-02-01 18:00"))
                .record(negative("2022-02-14 09:00", "2022-02-14 18:00"))
                .record(negative("2022-02-21 09:00", "2022-02-21 18:00"));
        assertEquals(List.of("2022-02-01 18:00 RED", "2022-02-16 00:00 YELLOW", "2022-02-23 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void companion_yellow7DaysFromDetectionT1() {
        person.record(companion("c-1", "2022-02-01 10:00", "2022-02-01 11:00", "2022-02-04 09:00", false))
                .record(negative("2022-02-10 09:00", "2022-02-10 18:00"));
        assertEquals(List.of("2022-02-04 09:00 YELLOW", "2022-02-12 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void confinedCompanion_red14DaysFromLastCoPresenceT1_thenYellow7DaysT1() {
        person.record(companion("c-1", "2022-02-01 10:00", "2022-02-01 11:00", "2022-02-04 09:00", true))
                .record(negative("2022-02-14 09:00", "2022-02-14 18:00"))
                .record(negative("2022-02-21 09:00", "2022-02-21 18:00"));
        assertEquals(List.of("2022-02-04 09:00 RED", "2022-02-16 00:00 YELLOW", "2022-02-23 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void highRiskArea_red14DaysFromAnchorT1_thenYellow7DaysT1() {
        person.record(areaExposure("a-1", AreaLevel.HIGH, "2022-02-01 08:00", "2022-02-01 18:00", "2022-02-03 10:00"))
                .record(negative("2022-02-14 09:00", "2022-02-14 18:00"))
                .record(negative("2022-02-21 09:00", "2022-02-21 18:00"));
        assertEquals(List.of("2022-02-03 10:00 RED", "2022-02-16 00:00 YELLOW", "2022-02-23 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void mediumRiskArea_yellow14DaysFromAnchorT1() {
        person.record(areaExposure("a-1", AreaLevel.MEDIUM, "2022-02-01 08:00", "2022-02-01 18:00", "2022-02-03 10:00"))
                .record(negative("2022-02-14 09:00", "2022-02-14 18:00"));
        assertEquals(List.of("2022-02-03 10:00 YELLOW", "2022-02-16 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void specialArea_detectedWithin14Days_red14DaysFromAnchorT1_thenYellow7DaysT1() {
        person.record(areaExposure("a-1", AreaLevel.SEALED, "2022-02-01 08:00", "2022-02-01 18:00", "2022-02-10 10:00"))
                .record(negative("2022-02-14 09:00", "2022-02-14 18:00"))
                .record(negative("2022-02-21 09:00", "2022-02-21 18:00"));
        assertEquals(List.of("2022-02-10 10:00 RED", "2022-02-16 00:00 YELLOW", "2022-02-23 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void specialArea_detectedAfter14To21Days_yellow7DaysFromDetectionT1() {
        person.record(areaExposure("a-1", AreaLevel.CONTROL, "2022-02-01 08:00", "2022-02-01 18:00", "2022-02-18 10:00"))
                .record(negative("2022-02-25 09:00", "2022-02-25 18:00"));
        assertEquals(List.of("2022-02-18 10:00 YELLOW", "2022-02-26 00:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void specialArea_detectedAfter21Days_yellowUntilTwoNegatives24HoursApartWithin72Hours() {
        person.record(areaExposure("a-1", AreaLevel.SEALED, "2022-02-01 08:00", "2022-02-01 18:00", "2022-02-25 10:00"))
                .record(negative("2022-02-25 12:00", "2022-02-25 20:00"))
                .record(negative("2022-02-28 13:00", "2022-02-28 20:00"))   // 73 h after the first: too far apart
                .record(negative("2022-03-01 14:00", "2022-03-01 22:00"));
        assertEquals(List.of("2022-02-25 10:00 YELLOW", "2022-03-01 22:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void manualRed_redUntilAdminEnd() {
        person.record(assign("act-1", Category.MANUAL_RED, "2022-02-01 10:00"))
                .record(endAction("act-2", null, "MANUAL_RED:act-1", "2022-03-20 09:00"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-03-20 09:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void manualYellow_yellowUntilAdminEndOfTheCategory() {
        person.record(assign("act-1", Category.MANUAL_YELLOW, "2022-02-01 10:00"))
                .record(endAction("act-2", Category.MANUAL_YELLOW, null, "2022-02-05 09:00"));
        assertEquals(List.of("2022-02-01 10:00 YELLOW", "2022-02-05 09:00 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }

    @Test
    void arrivalsOtherThanOverseas_areNotManaged() {
        person.record(arrival(OriginRisk.HIGH_RISK_AREA, "2022-02-01 15:00", "2022-02-01 18:00"))
                .record(arrival(OriginRisk.RISK_COUNTY, "2022-02-01 15:00", "2022-02-01 18:00"))
                .record(arrival(OriginRisk.CASE_CITY, "2022-02-01 15:00", "2022-02-01 18:00"))
                .record(arrival(OriginRisk.EPIDEMIC_CITY, "2022-02-01 15:00", "2022-02-01 18:00"));
        assertTrue(person.runUntil(at("2022-04-01 00:00")).isEmpty());
    }

    @Test
    void confirmed_awaitsItsTestAfterTimeUp_andEndsAtTheResult() {
        person.record(status(ASYMPTOMATIC, "2022-02-01 10:00", "c-1"))
                .record(status(DISCHARGED, "2022-02-02 10:00"))
                .record(negative("2022-02-18 09:00", "2022-02-19 07:30"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-02-02 10:00 YELLOW", "2022-02-19 07:30 GREEN"),
                describe(person.runUntil(at("2022-04-01 00:00"))));
    }
}
