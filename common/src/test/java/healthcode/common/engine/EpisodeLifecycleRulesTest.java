package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.CONTACT_RELEASED;
import static healthcode.common.domain.HealthStatus.YELLOW_RELEASED;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Changes.local;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.Category;
import healthcode.common.domain.Colour;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.NatOutcome;
import healthcode.common.domain.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cross-cutting rules of rules.md: timeline, late openings, extension, statuses, idempotence, late records. */
class EpisodeLifecycleRulesTest {
    private final EngineDriver person = EngineDriver.withEditions("general-2022");

    @Test
    void lateOpening_startsInThePhaseThatHolds_awaitingItsTest() {
        person.record(contact(CLOSE_CONTACT, "2022-02-18 09:00", "2022-02-01 20:00", "c-1"));
        assertEquals(List.of("2022-02-18 09:00 RED"), describe(person.runUntil(at("2022-03-01 00:00"))));
        CurrentState now = person.current();
        assertEquals("TEST", now.activeEpisodes().get(0).awaiting());
        assertNull(now.activeEpisodes().get(0).phaseEndsAt());
    }

    @Test
    void lateOpening_skipsPhasesWhoseTestsAreAlreadyKnown_neverEmittingTheirColours() {
        person.record(negative("2022-02-15 09:00", "2022-02-15 18:00"))
                .record(contact(CLOSE_CONTACT, "2022-02-18 09:00", "2022-02-01 20:00", "c-1"));
        assertEquals(List.of("2022-02-18 09:00 YELLOW"), describe(person.runUntil(at("2022-02-20 00:00"))));
        assertEquals(2, person.current().activeEpisodes().get(0).phase());
    }

    @Test
    void lateOpening_withEveryPhaseOver_opensNothing_andIsNeverReopened() {
        person.record(negative("2022-02-15 09:00", "2022-02-15 18:00"))
                .record(negative("2022-02-22 09:00", "2022-02-22 18:00"))
                .record(contact(CLOSE_CONTACT, "2022-02-25 09:00", "2022-02-01 20:00", "c-1"))
                .record(contact(CLOSE_CONTACT, "2022-02-26 09:00", "2022-02-01 20:00", "c-1"));
        assertTrue(person.runUntil(at("2022-03-10 00:00")).isEmpty());
    }

    @Test
    void secondRecordForTheSameCase_extendsTheEpisode_laterAnchorWins() {
        person.record(contact(CLOSE_CONTACT, "2022-02-02 09:00", "2022-02-01 20:00", "c-1"))
                .record(contact(CLOSE_CONTACT, "2022-02-06 09:00", "2022-02-05 20:00", "c-1"))
                .record(negative("2022-02-19 09:00", "2022-02-19 18:00"))
                .record(negative("2022-02-26 09:00", "2022-02-26 18:00"));
        assertEquals(List.of("2022-02-02 09:00 RED", "2022-02-20 00:00 YELLOW", "2022-02-27 00:00 GREEN"),
                describe(person.runUntil(at("2022-03-10 00:00"))));
    }

    @Test
    void contactReleased_endsCloseContactAtOnce() {
        person.record(contact(CLOSE_CONTACT, "2022-02-02 09:00", "2022-02-01 20:00", "c-1"))
                .record(status(CONTACT_RELEASED, "2022-02-05 10:00", "c-1"));
        assertEquals(List.of("2022-02-02 09:00 RED", "2022-02-05 10:00 GREEN"),
                describe(person.runUntil(at("2022-03-10 00:00"))));
    }

    @Test
    void yellowReleased_endsOnlyEpisodesWhosePhaseIsYellow() {
        person.record(companion("c-1", "2022-02-01 10:00", "2022-02-01 11:00", "2022-02-02 09:00", false))
                .record(assign("act-1", Category.MANUAL_RED, "2022-02-03 09:00"))
                .record(status(YELLOW_RELEASED, "2022-02-04 09:00"));
        person.runUntil(at("2022-02-05 00:00"));
        assertEquals(List.of(Category.MANUAL_RED),
                person.current().activeEpisodes().stream().map(e -> e.category()).toList());
    }

    @Test
    void exitCondition_resultKnownAfterTimeUpCounts_andEndsThePhaseAtItsResultTime() {
        person.record(contact(CLOSE_CONTACT, "2022-02-02 09:00", "2022-02-01 20:00", "c-1"))
                .record(negative("2022-02-15 22:00", "2022-02-17 11:00"));
        assertEquals(List.of("2022-02-02 09:00 RED", "2022-02-17 11:00 YELLOW"),
                describe(person.runUntil(at("2022-02-18 00:00"))));
    }

    @Test
    void exitCondition_sameSampleTwiceCountsOnce() {
        person.record(positive("2022-02-01 08:00", "2022-02-01 12:00"))
                .record(sample("s-9", NatOutcome.NEGATIVE, "2022-02-02 08:00", "2022-02-02 18:00"))
                .record(sample("s-9", NatOutcome.NEGATIVE, "2022-02-02 08:00", "2022-02-04 18:00"));
        assertEquals(List.of("2022-02-01 12:00 RED"), describe(person.runUntil(at("2022-02-10 00:00"))));
    }

    @Test
    void positiveSampleInsideAPhase_resetsItsExitCondition() {
        person.record(contact(CLOSE_CONTACT, "2022-02-02 09:00", "2022-02-01 20:00", "c-1"))
                .record(assign("act-1", Category.MANUAL_RED, "2022-02-02 09:00"))
                .record(negative("2022-02-14 20:00", "2022-02-15 06:00"))
                .record(positive("2022-02-15 08:00", "2022-02-15 12:00"))
                .record(endAction("act-2", Category.MANUAL_RED, null, "2022-02-15 13:00"));
        person.runUntil(at("2022-02-17 00:00"));
        assertEquals(List.of(Category.POSITIVE_SCREENING, Category.CLOSE_CONTACT),
                person.current().activeEpisodes().stream().map(e -> e.category()).toList());
        assertEquals("TEST", person.current().activeEpisodes().get(1).awaiting());
    }

    @Test
    void sameAdminActionTwice_isOneAction() {
        person.record(assign("act-1", Category.MANUAL_RED, "2022-02-01 10:00"))
                .record(endAction("act-2", Category.MANUAL_RED, null, "2022-02-02 10:00"))
                .record(assign("act-1", Category.MANUAL_RED, "2022-02-03 10:00"));
        assertEquals(List.of("2022-02-01 10:00 RED", "2022-02-02 10:00 GREEN"),
                describe(person.runUntil(at("2022-02-10 00:00"))));
    }

    @Test
    void changes_carrySeqFromCauseAndNextReview() {
        person.record(contact(CLOSE_CONTACT, "2022-02-02 09:00", "2022-02-01 20:00", "c-1"))
                .record(negative("2022-02-15 09:00", "2022-02-15 18:00"));
        List<ColourChange> changes = person.runUntil(at("2022-02-17 00:00"));
        ColourChange first = changes.get(0);
        assertEquals(1, first.seq());
        assertEquals(Colour.GREEN, first.from());
        assertEquals(Trigger.CASE_STATUS, first.cause().trigger());
        assertEquals("CLOSE_CONTACT:c-1", first.cause().episodeId());
        assertEquals("2022-02-16 00:00", local(first.nextReviewAt()));
        ColourChange second = changes.get(1);
        assertEquals(2, second.seq());
        assertEquals(Colour.RED, second.from());
        assertEquals(Trigger.TIMER, second.cause().trigger());
        assertEquals(2, second.cause().phase());
        assertEquals("general-2022", second.edition());
        assertFalse(second.late());
    }

    @Test
    void lateRecord_isAppliedAtTheCurrentTime_andMarkedLate() {
        person.record(assign("act-1", Category.MANUAL_YELLOW, "2022-02-01 10:00"));
        person.runUntil(at("2022-02-05 00:00"));
        ColourChange change = person.late(contact(CLOSE_CONTACT, "2022-02-03 09:00", "2022-02-02 20:00", "c-1"),
                at("2022-02-05 00:00"));
        assertEquals("2022-02-05 00:00", local(change.at()));
        assertEquals(Colour.RED, change.to());
        assertTrue(change.late());
    }

    @Test
    void simultaneousEnds_giveOneNetChange() {
        person.record(companion("c-1", "2022-02-01 10:00", "2022-02-01 11:00", "2022-02-02 09:00", false))
                .record(assign("act-1", Category.MANUAL_RED, "2022-02-02 09:00"))
                .record(endAction("act-2", Category.MANUAL_RED, null, "2022-02-03 09:00"))
                .record(status(YELLOW_RELEASED, "2022-02-03 09:00"));
        assertEquals(List.of("2022-02-02 09:00 RED", "2022-02-03 09:00 GREEN"),
                describe(person.runUntil(at("2022-02-10 00:00"))));
    }
}
