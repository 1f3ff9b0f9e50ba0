package healthcode.common.engine;

import healthcode.common.rules.Edition;
import healthcode.common.rules.ExitCondition;
import healthcode.common.rules.Phase;
import healthcode.common.time.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline from the anchor (rules.md): the first phase starts at the plan's start, each next one
 * when the previous ended. A pure function of the plan and the facts known by each instant, so a
 * late opening, a re-plan and normal progress all agree.
 */
public final class Timeline {
    private Timeline() {}

    public static Position locate(Edition edition, List<Phase> phases, long start, long testsFrom,
                                  List<TestFact> tests, List<StatusFact> statuses, long now) {
        long phaseStart = start;
        long windowFrom = Math.min(testsFrom, start);
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            Long up = timeUp(edition, phase, phaseStart, statuses);
            if (up == null || up > now) {
                return Position.holding(i, phaseStart, up, false);
            }
            Long end = phase.exit() == null ? up : satisfiedAt(phase.exit(), windowFrom, up, tests);
            if (end == null || end > now) {
                return Position.holding(i, phaseStart, up, true);
            }
            phaseStart = end;
            windowFrom = end;
        }
        return Position.endedAt(phaseStart);
    }

    /** When a phase is up: its days are over or its status is known, whichever is first. */
    static Long timeUp(Edition edition, Phase phase, long start, List<StatusFact> statuses) {
        Long up = phase.days() == null ? null : edition.periodEnd(start, phase.days());
        if (phase.until() != null) {
            for (StatusFact s : statuses) {
                if (s.status == phase.until() && s.knownAt >= start && (up == null || s.knownAt < up)) {
                    up = s.knownAt;
                }
            }
        }
        if (up == null && phase.days() == null && phase.until() == null && phase.exit() != null) {
            up = start;
        }
        return up;
    }

    /** The first instant at or after {@code timeUp} at which the condition holds with the results known then. */
    static Long satisfiedAt(ExitCondition condition, long windowFrom, long timeUp, List<TestFact> tests) {
        List<Long> candidates = new ArrayList<>();
        candidates.add(timeUp);
        for (TestFact t : tests) {
            if (t.knownAt > timeUp) {
                candidates.add(t.knownAt);
            }
        }
        candidates.sort(null);
        for (long x : candidates) {
            if (holds(condition, windowFrom, timeUp, tests, x)) {
                return x;
            }
        }
        return null;
    }

    /**
     * At least N negative samples taken in the window after the latest positive sample of the window,
     * consecutive ones at least minSpacing apart, all within span, the latest no earlier than
     * finalWithin before time-up; only results known by {@code knownBy} count.
     */
    static boolean holds(ExitCondition c, long windowFrom, long timeUp, List<TestFact> tests, long knownBy) {
        long latestPositive = Long.MIN_VALUE;
        for (TestFact t : tests) {
            if (t.positive && t.knownAt <= knownBy && t.sampledAt >= windowFrom) {
                latestPositive = Math.max(latestPositive, t.sampledAt);
            }
        }
        List<Long> negatives = new ArrayList<>();
        for (TestFact t : tests) {
            if (!t.positive && t.knownAt <= knownBy && t.sampledAt >= windowFrom && t.sampledAt > latestPositive) {
                negatives.add(t.sampledAt);
            }
        }
        negatives.sort(null);
        long spacing = c.minSpacingHours() == null ? 0 : c.minSpacingHours() * Times.HOUR;
        long finalFrom = c.finalWithinHours() == null ? Long.MIN_VALUE : timeUp - c.finalWithinHours() * Times.HOUR;
        for (int last = negatives.size() - 1; last >= 0; last--) {
            long lastSample = negatives.get(last);
            if (lastSample < finalFrom) {
                return false;
            }
            long earliestAllowed = c.spanHours() == null ? Long.MIN_VALUE : lastSample - c.spanHours() * Times.HOUR;
            int count = 1;
            long previous = lastSample;
            for (int i = last - 1; i >= 0 && count < c.negativeTests(); i--) {
                long sample = negatives.get(i);
                if (sample < earliestAllowed) {
                    break;
                }
                if (previous - sample >= spacing) {
                    count++;
                    previous = sample;
                }
            }
            if (count >= c.negativeTests()) {
                return true;
            }
        }
        return false;
    }
}
