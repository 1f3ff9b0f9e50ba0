package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.ASYMPTOMATIC;
import static healthcode.common.domain.HealthStatus.CONFIRMED;
import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.CONTACT_RELEASED;
import static healthcode.common.domain.HealthStatus.DISCHARGED;
import static healthcode.common.domain.HealthStatus.SUB_CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.SUSPECTED;
import static healthcode.common.domain.HealthStatus.SUSPECT_EXCLUDED;
import static healthcode.common.domain.HealthStatus.YELLOW_RELEASED;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.Category;
import healthcode.common.domain.OriginRisk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per row of the gx-2020-03 table of rules.md (dates in 2020, the edition in force then). */
class Gx202003RulesTest {
    private final EngineDriver person = EngineDriver.withEditions(null);

    @Test
    void confirmed_redUntilDischarged_thenYellowUntilYellowReleased() {
        person.record(status(CONFIRMED, "2020-04-01 10:00", "c-1"))
                .record(status(DISCHARGED, "2020-04-15 10:00"))
                .record(status(YELLOW_RELEASED, "2020-05-06 09:00"));
        assertEquals(List.of("2020-04-01 10:00 RED", "2020-04-15 10:00 YELLOW", "2020-05-06 09:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void asymptomatic_redUntilDischarged_thenYellowUntilYellowReleased() {
        person.record(status(ASYMPTOMATIC, "2020-04-01 10:00", "c-1"))
                .record(status(DISCHARGED, "2020-04-15 10:00"));
        assertEquals(List.of("2020-04-01 10:00 RED", "2020-04-15 10:00 YELLOW"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
        assertEquals("YELLOW_RELEASED", person.current().activeEpisodes().get(0).awaiting());
    }

    @Test
    void suspected_redUntilSuspectExcluded() {
        person.record(status(SUSPECTED, "2020-04-01 10:00")).record(status(SUSPECT_EXCLUDED, "2020-04-03 10:00"));
        assertEquals(List.of("2020-04-01 10:00 RED", "2020-04-03 10:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void closeContact_red14DaysFromLastContact_thenEndsWithoutTest() {
        person.record(contact(CLOSE_CONTACT, "2020-04-02 10:00", "2020-04-01 18:00", "c-1"));
        assertEquals(List.of("2020-04-02 10:00 RED", "2020-04-16 00:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void closeContact_endsEarlierOnContactReleased() {
        person.record(contact(CLOSE_CONTACT, "2020-04-02 10:00", "2020-04-01 18:00", "c-1"))
                .record(status(CONTACT_RELEASED, "2020-04-09 10:00", "c-1"));
        assertEquals(List.of("2020-04-02 10:00 RED", "2020-04-09 10:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void overseasArrival_red14DaysFromEntry_thenEndsOnANegativeTestWithin24Hours() {
        person.record(arrival(OriginRisk.OVERSEAS, "2020-04-01 15:00", "2020-04-01 16:00"))
                .record(negative("2020-04-14 08:00", "2020-04-14 20:00"))   // 40 h before time-up: too early
                .record(negative("2020-04-16 08:00", "2020-04-16 20:00"));
        assertEquals(List.of("2020-04-01 16:00 RED", "2020-04-16 20:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void arrivalEpidemicCity_yellow14DaysFromLeaving_thenEnds() {
        person.record(arrival(OriginRisk.EPIDEMIC_CITY, "2020-04-03 15:00", "2020-04-03 18:00", false, "2020-04-01 09:00"));
        assertEquals(List.of("2020-04-03 18:00 YELLOW", "2020-04-16 00:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void arrivalEpidemicCity_endsEarlierOnYellowReleased() {
        person.record(arrival(OriginRisk.EPIDEMIC_CITY, "2020-04-03 15:00", "2020-04-03 18:00"))
                .record(status(YELLOW_RELEASED, "2020-04-08 09:00"));
        assertEquals(List.of("2020-04-03 18:00 YELLOW", "2020-04-08 09:00 GREEN"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void positiveScreeningAndManual_asGeneral2022() {
        person.record(positive("2020-04-01 08:00", "2020-04-01 12:00"))
                .record(negative("2020-04-02 08:00", "2020-04-02 18:00"))
                .record(negative("2020-04-03 09:00", "2020-04-03 20:00"))
                .record(assign("act-1", Category.MANUAL_YELLOW, "2020-04-05 10:00"));
        assertEquals(List.of("2020-04-01 12:00 RED", "2020-04-03 20:00 GREEN", "2020-04-05 10:00 YELLOW"),
                describe(person.runUntil(at("2020-07-01 00:00"))));
    }

    @Test
    void subCloseContactAndCompanions_areNotManaged() {
        person.record(contact(SUB_CLOSE_CONTACT, "2020-04-02 10:00", "2020-04-01 18:00", "c-1"))
                .record(companion("c-1", "2020-04-01 10:00", "2020-04-01 11:00", "2020-04-04 09:00", false));
        assertTrue(person.runUntil(at("2020-07-01 00:00")).isEmpty());
    }
}
