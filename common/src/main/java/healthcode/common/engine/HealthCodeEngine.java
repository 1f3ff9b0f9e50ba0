package healthcode.common.engine;

import healthcode.common.domain.Category;
import healthcode.common.domain.Colour;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.EpisodeView;
import healthcode.common.domain.Trigger;
import healthcode.common.rules.CategoryPlan;
import healthcode.common.rules.Edition;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.Phase;
import healthcode.common.rules.PlanVariant;
import healthcode.common.rules.VariantCondition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The colour rules of rules.md as plain Java: a person's state advances one instant at a time.
 * Within an instant: episodes planned under another edition are re-planned, phases whose time is
 * up move on, then the records of the instant are applied in a fixed order; one change is emitted
 * if the colour at the end of the instant differs from before.
 */
public final class HealthCodeEngine implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Comparator<PersonEvent> RECORD_ORDER =
            Comparator.<PersonEvent, Trigger>comparing(e -> e.kind).thenComparing(e -> String.valueOf(e.payload()));

    private final EditionBook book;
    private final EngineSettings settings;
    private final RecordRules recordRules;

    public HealthCodeEngine(EditionBook book, EngineSettings settings) {
        this.book = book;
        this.settings = settings;
        this.recordRules = new RecordRules(this, settings);
    }

    /**
     * Advances the person to instant t and applies the records of t.
     *
     * @param late the records arrived after the out-of-orderness bound and are applied at t instead
     * @return the colour change at t, or null
     */
    public ColourChange step(PersonState s, long t, List<PersonEvent> records, boolean late) {
        long now = Math.max(t, s.evaluatedAt);
        s.evaluatedAt = now;
        Colour before = s.colour;
        Transitions log = new Transitions();
        Edition edition = book.inForceAt(now);
        for (Episode ep : new ArrayList<>(s.episodes)) {
            if (!ep.edition.equals(edition.id())) {
                replan(s, ep, edition, now, log, Trigger.EDITION, false);
            }
        }
        refresh(s, now, log, Trigger.TIMER, false);
        List<PersonEvent> ordered = new ArrayList<>(records);
        ordered.sort(RECORD_ORDER);
        for (PersonEvent record : ordered) {
            recordRules.apply(s, record, now, edition, log, late);
            refresh(s, now, log, record.kind, late);
        }
        if (!records.isEmpty() || !s.episodes.isEmpty()) {
            s.lastActivity = now;
        }
        recordRules.forgetOldFacts(s, now);
        Colour after = colourOf(s);
        if (after == before) {
            return null;
        }
        s.seq++;
        s.colour = after;
        s.since = now;
        return new ColourChange(s.personId, s.seq, before, after, now, edition.id(), log.cause(before, after),
                views(s), nextReviewAt(s), log.late(before, after));
    }

    /** The next instant at which the person changes without new records, or null. */
    public Long nextWakeUp(PersonState s) {
        Long next = null;
        for (Episode ep : s.episodes) {
            if (ep.phaseEndsAt != null && ep.phaseEndsAt > s.evaluatedAt) {
                next = next == null ? ep.phaseEndsAt : Math.min(next, ep.phaseEndsAt);
            }
        }
        if (!s.episodes.isEmpty()) {
            Long edition = book.nextStartAfter(s.evaluatedAt);
            if (edition != null) {
                next = next == null ? edition : Math.min(next, edition);
            }
        }
        return next;
    }

    /** When the person may be forgotten (no active episode), or null while an episode is active. */
    public Long forgetAt(PersonState s) {
        return s.episodes.isEmpty() ? s.lastActivity + settings.personRetentionMillis() : null;
    }

    public CurrentState current(PersonState s) {
        return new CurrentState(s.personId, s.colour, s.since, s.seq, views(s), nextReviewAt(s));
    }

    // ---- episodes ------------------------------------------------------------------------------

    /** Opens an episode, or extends the matching active one (an ended one is not reopened). */
    void open(PersonState s, Opening o, long now, Edition edition, Transitions log, Trigger trigger, boolean late) {
        Episode existing = null;
        for (Episode ep : s.episodes) {
            if (ep.category == o.category() && ep.caseKey.equals(o.caseKey())) {
                existing = ep;
            }
        }
        if (existing != null) {
            if (o.category().countsFromLastExposure() && o.anchor() > existing.anchor) {
                existing.anchor = o.anchor();
                existing.lastExposure = o.lastExposure();
                existing.openedAt = o.openedAt();
                existing.variantOfConcern = o.variantOfConcern();
                existing.testsFrom = o.testsFrom();
                replan(s, existing, edition, now, log, trigger, late);
            }
            return;
        }
        if (s.endedEpisodes.stream().anyMatch(e -> e.id.equals(o.episodeId()))) {
            return;
        }
        Episode ep = new Episode();
        ep.id = o.episodeId();
        ep.category = o.category();
        ep.caseKey = o.caseKey();
        ep.anchor = o.anchor();
        ep.lastExposure = o.lastExposure();
        ep.openedAt = o.openedAt();
        ep.variantOfConcern = o.variantOfConcern();
        ep.testsFrom = o.testsFrom();
        ep.edition = edition.id();
        Integer variant = chooseVariant(edition, ep);
        if (variant == null) {
            return;
        }
        ep.variant = variant;
        Position p = locate(s, ep, now);
        if (p.ended()) {
            s.endedEpisodes.add(new SeenId(ep.id, now));
            return;
        }
        adopt(ep, p, now);
        s.episodes.add(ep);
        log.add(ep, null, ep.colour, trigger, late);
    }

    void end(PersonState s, Episode ep, long now, Transitions log, Trigger trigger, boolean late) {
        s.episodes.remove(ep);
        s.endedEpisodes.add(new SeenId(ep.id, now));
        log.add(ep, ep.colour, null, trigger, late);
    }

    private void replan(PersonState s, Episode ep, Edition edition, long now, Transitions log, Trigger trigger,
                        boolean late) {
        ep.edition = edition.id();
        Integer variant = chooseVariant(edition, ep);
        if (variant == null) {
            end(s, ep, now, log, trigger, late);
            return;
        }
        ep.variant = variant;
        update(s, ep, now, log, trigger, late);
    }

    /** Moves every active episode to the phase that holds at now. */
    private void refresh(PersonState s, long now, Transitions log, Trigger trigger, boolean late) {
        for (Episode ep : new ArrayList<>(s.episodes)) {
            update(s, ep, now, log, trigger, late);
        }
    }

    private void update(PersonState s, Episode ep, long now, Transitions log, Trigger trigger, boolean late) {
        Position p = locate(s, ep, now);
        if (p.ended()) {
            end(s, ep, now, log, trigger, late);
            return;
        }
        Colour before = ep.colour;
        int phaseBefore = ep.phase;
        adopt(ep, p, now);
        if (ep.phase != phaseBefore || ep.colour != before) {
            log.add(ep, before, ep.colour, trigger, late);
        }
    }

    private Position locate(PersonState s, Episode ep, long now) {
        long start = switch (plan(ep).variants().get(ep.variant).start()) {
            case ANCHOR -> ep.anchor;
            case EVENT -> ep.openedAt;
            case LAST_EXPOSURE -> ep.lastExposure == null ? ep.anchor : ep.lastExposure;
        };
        return Timeline.locate(book.byId(ep.edition), phases(ep), start, ep.testsFrom, s.tests, s.statuses, now);
    }

    /** Copies the derived position onto the episode. */
    private void adopt(Episode ep, Position p, long now) {
        Phase phase = phases(ep).get(p.phase());
        ep.phase = p.phase();
        ep.phaseStart = p.start();
        ep.colour = phase.colour();
        ep.phaseEndsAt = p.timeUp() != null && p.timeUp() > now ? p.timeUp() : null;
        if (p.awaitingTest()) {
            ep.awaiting = "TEST";
        } else if (p.timeUp() == null && phase.until() != null) {
            ep.awaiting = phase.until().name();
        } else {
            ep.awaiting = null;
        }
    }

    private CategoryPlan plan(Episode ep) {
        return book.byId(ep.edition).plan(ep.category);
    }

    private List<Phase> phases(Episode ep) {
        return plan(ep).variants().get(ep.variant).phases();
    }

    /** The first variant whose condition holds, or null when the edition does not manage the episode. */
    private static Integer chooseVariant(Edition edition, Episode ep) {
        CategoryPlan plan = edition.plan(ep.category);
        if (plan == null) {
            return null;
        }
        for (int i = 0; i < plan.variants().size(); i++) {
            PlanVariant v = plan.variants().get(i);
            if (matches(v.when(), edition, ep)) {
                return v.phases().isEmpty() ? null : i;
            }
        }
        return null;
    }

    private static boolean matches(VariantCondition c, Edition edition, Episode ep) {
        if (c.variantOfConcern() != null && c.variantOfConcern() != ep.variantOfConcern) {
            return false;
        }
        if (c.delayBelowDays() != null && !(ep.openedAt < edition.periodEnd(ep.anchor, c.delayBelowDays()))) {
            return false;
        }
        if (c.delayAtMostDays() != null && !(ep.openedAt <= edition.periodEnd(ep.anchor, c.delayAtMostDays()))) {
            return false;
        }
        return c.delayAtLeastDays() == null || ep.openedAt >= edition.periodEnd(ep.anchor, c.delayAtLeastDays());
    }

    private static Colour colourOf(PersonState s) {
        Colour c = Colour.GREEN;
        for (Episode ep : s.episodes) {
            c = Colour.mostSevere(c, ep.colour);
        }
        return c;
    }

    private List<EpisodeView> views(PersonState s) {
        List<Episode> sorted = new ArrayList<>(s.episodes);
        sorted.sort(Comparator.<Episode, Category>comparing(e -> e.category).thenComparing(e -> e.id));
        List<EpisodeView> views = new ArrayList<>(sorted.size());
        for (Episode ep : sorted) {
            views.add(new EpisodeView(ep.id, ep.category, ep.phase + 1, ep.colour, ep.phaseEndsAt, ep.awaiting));
        }
        return views;
    }

    private static Long nextReviewAt(PersonState s) {
        Long next = null;
        for (Episode ep : s.episodes) {
            if (ep.colour == s.colour && ep.phaseEndsAt != null) {
                next = next == null ? ep.phaseEndsAt : Math.min(next, ep.phaseEndsAt);
            }
        }
        return next;
    }
}
