package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.domain.HealthStatus.CONFIRMED;
import static healthcode.common.domain.HealthStatus.DISCHARGED;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Changes.local;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import healthcode.common.domain.EpisodeView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rules.md, Model: phases lie on a timeline from the anchor, whenever the episode is opened or re-planned. */
class TimelineFromTheAnchorRulesTest {

    @Test
    void lateOpening_aPhaseEndedByALateResult_startsTheNextPhaseAtThatResult() {
        EngineDriver person = EngineDriver.withEditions("general-2022");
        person.record(negative("2022-02-15 22:00", "2022-02-17 11:00"))
                .record(contact(CLOSE_CONTACT, "2022-02-20 09:00", "2022-02-01 20:00", "c-1"));
        assertEquals(List.of("2022-02-20 09:00 YELLOW"), describe(person.runUntil(at("2022-02-21 00:00"))));
        EpisodeView episode = person.current().activeEpisodes().get(0);
        assertEquals(2, episode.phase());
        assertEquals("2022-02-25 00:00", local(episode.phaseEndsAt()));
    }

    @Test
    void replan_landsInThePhaseThatHoldsUnderTheNewPlan_awaitingItsTests() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(status(CONFIRMED, "2023-01-10 10:00", "c-1"))
                .record(status(DISCHARGED, "2023-01-25 10:00"));
        assertEquals(List.of("2023-01-10 10:00 RED"), describe(person.runUntil(at("2023-02-10 00:00"))));
        EpisodeView episode = person.current().activeEpisodes().get(0);
        assertEquals(1, episode.phase());
        assertEquals("TEST", episode.awaiting());
        person.record(negative("2023-02-10 09:00", "2023-02-10 18:00")).record(negative("2023-02-11 10:00", "2023-02-11 18:00"));
        assertEquals(List.of("2023-02-11 18:00 GREEN"), describe(person.runUntil(at("2023-03-01 00:00"))));
    }

    @Test
    void replan_withEveryPhaseOverUnderTheNewPlan_endsAtTheEditionsStart() {
        EngineDriver person = EngineDriver.withEditions(null);
        person.record(status(CONFIRMED, "2023-01-10 10:00", "c-1"))
                .record(negative("2023-01-16 09:00", "2023-01-16 18:00"))
                .record(negative("2023-01-17 10:00", "2023-01-17 18:00"));
        assertEquals(List.of("2023-01-10 10:00 RED", "2023-02-03 00:00 GREEN"),
                describe(person.runUntil(at("2023-03-01 00:00"))));
    }
}
