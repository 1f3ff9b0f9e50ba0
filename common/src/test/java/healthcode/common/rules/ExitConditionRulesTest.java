package healthcode.common.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import healthcode.common.domain.Colour;
import healthcode.common.engine.Position;
import healthcode.common.engine.StatusFact;
import healthcode.common.engine.TestFact;
import healthcode.common.engine.Timeline;
import healthcode.common.time.DayCounting;
import healthcode.common.time.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rules.md, Exit test condition: counts, spacing, span, final-within, resets, and the timeline from the anchor. */
class ExitConditionRulesTest {
    private static final long H = Times.HOUR;
    private static final long T0 = Times.parseIso("2022-03-01T00:00:00+08:00");
    private final List<TestFact> tests = new ArrayList<>();
    private int samples;

    private static Edition edition(DayCounting counting) {
        return new Edition("e", 0, null, Times.zone("Asia/Shanghai"), counting, Map.of());
    }

    private void result(boolean positive, long sampledHours, long resultHours) {
        tests.add(new TestFact("s" + samples++, T0 + sampledHours * H, T0 + resultHours * H, positive));
    }

    private Position locate(ExitCondition exit, long nowHours) {
        List<Phase> phases = List.of(new Phase(Colour.RED, 2, null, exit));
        return Timeline.locate(edition(DayCounting.CALENDAR), phases, T0, T0, tests, List.<StatusFact>of(), T0 + nowHours * H);
    }

    @Test
    void finalWithinHours_theLatestCountedSampleMustBeRecentEnough() {
        ExitCondition t1 = new ExitCondition(1, null, 24, null);
        result(false, 10, 12);
        assertEquals(true, locate(t1, 60).awaitingTest());
        result(false, 30, 50);
        Position p = locate(t1, 60);
        assertEquals(true, p.ended());
        assertEquals(T0 + 50 * H, p.endedAt());
    }

    @Test
    void minSpacingHours_consecutiveCountedSamplesAreFarEnoughApart() {
        ExitCondition two = new ExitCondition(2, 24, null, null);
        result(false, 1, 2);
        result(false, 20, 21);
        assertEquals(true, locate(two, 49).awaitingTest());
        result(false, 26, 30);
        assertEquals(T0 + 48 * H, locate(two, 49).endedAt());
    }

    @Test
    void spanHours_allCountedSamplesLieWithinTheSpan() {
        ExitCondition spanned = new ExitCondition(2, 24, null, 30);
        result(false, 1, 2);
        result(false, 40, 41);
        assertEquals(true, locate(spanned, 50).awaitingTest());
        result(false, 65, 66);
        assertEquals(T0 + 66 * H, locate(spanned, 70).endedAt());
    }

    @Test
    void aPositiveSampleResets_onlyNegativesSampledAfterItCount() {
        ExitCondition t1 = new ExitCondition(1, null, null, null);
        result(false, 30, 40);
        result(true, 35, 45);
        assertEquals(T0 + 48 * H, locate(t1, 47).timeUp());
        assertEquals(true, locate(t1, 49).awaitingTest());
        result(false, 50, 52);
        assertEquals(T0 + 52 * H, locate(t1, 53).endedAt());
    }

    @Test
    void untilStatus_endsThePhaseAtTheStatusTime_whicheverComesFirst() {
        List<Phase> phases = List.of(new Phase(Colour.RED, 14, healthcode.common.domain.HealthStatus.DISCHARGED, null),
                new Phase(Colour.YELLOW, null, null, null));
        List<StatusFact> statuses = List.of(new StatusFact(healthcode.common.domain.HealthStatus.DISCHARGED, T0 + 30 * H));
        Position p = Timeline.locate(edition(DayCounting.EXACT), phases, T0, T0, tests, statuses, T0 + 31 * H);
        assertEquals(1, p.phase());
        assertEquals(T0 + 30 * H, p.start());
        assertNull(p.timeUp());
    }
}
