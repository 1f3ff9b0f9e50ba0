package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.domain.ColourChange;
import healthcode.common.domain.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rules.md, Editions: re-planning at an edition's start, categories no longer managed, a forced edition. */
class EditionReplanRulesTest {

    @Test
    void atAnEditionsStart_aCloseContactPastDay5WithADay5Negative_isReleasedAtOnce() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(contact(CLOSE_CONTACT, "2023-01-28 09:00", "2023-01-27 10:00", "c-1"))
                .record(negative("2023-02-01 09:00", "2023-02-01 18:00"));
        List<ColourChange> changes = person.runUntil(at("2023-03-01 00:00"));
        assertEquals(List.of("2023-01-28 09:00 RED", "2023-02-03 00:00 GREEN"), describe(changes));
        assertEquals(Trigger.EDITION, changes.get(1).cause().trigger());
        assertEquals("gx-2023-02", changes.get(1).edition());
    }

    @Test
    void atAnEditionsStart_aCloseContactIsReplannedWithItsAnchor_andKeepsWaitingUnderTheNewPlan() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(contact(CLOSE_CONTACT, "2023-01-31 09:00", "2023-01-30 10:00", "c-1"))
                .record(negative("2023-02-04 09:00", "2023-02-04 18:00"));
        assertEquals(List.of("2023-01-31 09:00 RED", "2023-02-05 00:00 GREEN"),
                describe(person.runUntil(at("2023-03-01 00:00"))));
    }

    @Test
    void atAnEditionsStart_episodesOfCategoriesNoLongerManagedEnd() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(companion("c-1", "2023-01-30 10:00", "2023-01-30 11:00", "2023-02-01 09:00", false));
        List<ColourChange> changes = person.runUntil(at("2023-03-01 00:00"));
        assertEquals(List.of("2023-02-01 09:00 YELLOW", "2023-02-03 00:00 GREEN"), describe(changes));
        assertEquals(Trigger.EDITION, changes.get(1).cause().trigger());
    }

    @Test
    void anEndedEpisodeIsNeverReopenedByALaterEdition() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(contact(CLOSE_CONTACT, "2022-04-01 09:00", "2022-03-31 10:00", "c-1"))
                .record(status(healthcode.common.domain.HealthStatus.CONTACT_RELEASED, "2022-04-05 09:00", "c-1"));
        assertEquals(List.of("2022-04-01 09:00 RED", "2022-04-05 09:00 GREEN"),
                describe(person.runUntil(at("2022-06-01 00:00"))));
    }

    @Test
    void forcedEdition_appliesToTheWholeRun_withoutReplanning() {
        EngineDriver person = EngineDriver.withEditions("gx-2023-02");
        person.record(contact(CLOSE_CONTACT, "2022-06-02 09:00", "2022-06-01 10:00", "c-1"))
                .record(negative("2022-06-06 09:00", "2022-06-06 18:00"));
        List<ColourChange> changes = person.runUntil(at("2023-03-01 00:00"));
        assertEquals(List.of("2022-06-02 09:00 RED", "2022-06-07 00:00 GREEN"), describe(changes));
        assertEquals("gx-2023-02", changes.get(0).edition());
    }

    @Test
    void beforeTheEarliestEdition_theEarliestApplies() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(contact(CLOSE_CONTACT, "2020-01-10 09:00", "2020-01-09 10:00", "c-1"));
        List<ColourChange> changes = person.runUntil(at("2020-03-01 00:00"));
        assertEquals(List.of("2020-01-10 09:00 RED", "2020-01-24 00:00 GREEN"), describe(changes));
        assertEquals("gx-2020-03", changes.get(0).edition());
    }
}
