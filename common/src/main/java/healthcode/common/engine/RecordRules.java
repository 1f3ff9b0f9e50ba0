package healthcode.common.engine;

import healthcode.common.domain.AdminAction;
import healthcode.common.domain.AdminVerb;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ArrivalReport;
import healthcode.common.domain.CaseKind;
import healthcode.common.domain.CaseStatusUpdate;
import healthcode.common.domain.Category;
import healthcode.common.domain.Colour;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.NatOutcome;
import healthcode.common.domain.NatResult;
import healthcode.common.domain.Trigger;
import healthcode.common.rules.Edition;
import healthcode.common.time.Times;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.function.Predicate;

/** What each kind of record does to a person (rules.md, Categories and how they open; Statuses). */
final class RecordRules implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Categories a person has at most one active episode of, whatever the case id says. */
    private static final String SINGLE = "";
    /** Case key of close-contact records that name no case: they all extend one episode. */
    private static final String NO_CASE = "-";

    private final HealthCodeEngine engine;
    private final EngineSettings settings;

    RecordRules(HealthCodeEngine engine, EngineSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    void apply(PersonState s, PersonEvent e, long now, Edition edition, Transitions log, boolean late) {
        Context c = new Context(s, now, edition, log, e.kind, late);
        switch (e.kind) {
            case CASE -> ownCase(c, e.caseReport.kind() == CaseKind.CONFIRMED ? Category.CONFIRMED : Category.ASYMPTOMATIC,
                    e.caseReport.caseId(), e.caseReport.reportedAt());
            case CASE_STATUS -> status(c, e.status);
            case NAT_RESULT -> natResult(c, e.natResult);
            case ARRIVAL -> arrival(c, e.arrival);
            case ADMIN -> admin(c, e.admin);
            case COMPANION -> companion(c, e.companion);
            case AREA_EXPOSURE -> areaExposure(c, e.areaExposure);
            default -> throw new IllegalArgumentException("not a record kind: " + e.kind);
        }
    }

    private record Context(PersonState s, long now, Edition edition, Transitions log, Trigger trigger, boolean late) {}

    private void open(Context c, Opening o) {
        engine.open(c.s, o, c.now, c.edition, c.log, c.trigger, c.late);
    }

    private void endWhere(Context c, Predicate<Episode> which) {
        for (Episode ep : new ArrayList<>(c.s.episodes)) {
            if (which.test(ep)) {
                engine.end(c.s, ep, c.now, c.log, c.trigger, c.late);
            }
        }
    }

    private String timeId(long t) {
        return Times.format(t, settings.outputZone());
    }

    /** The person's own case: CONFIRMED ends SUSPECTED, CONFIRMED or ASYMPTOMATIC end POSITIVE_SCREENING. */
    private void ownCase(Context c, Category category, String caseId, long at) {
        open(c, Opening.of(category, SINGLE, caseId != null ? caseId : timeId(at), at, at));
        if (category == Category.CONFIRMED) {
            endWhere(c, ep -> ep.category == Category.SUSPECTED);
        }
        endWhere(c, ep -> ep.category == Category.POSITIVE_SCREENING);
    }

    private void status(Context c, CaseStatusUpdate r) {
        c.s.statuses.add(new StatusFact(r.status(), c.now));
        String idSuffix = r.caseId() != null ? r.caseId() : timeId(r.at());
        switch (r.status()) {
            case CONFIRMED -> ownCase(c, Category.CONFIRMED, r.caseId(), r.at());
            case ASYMPTOMATIC -> ownCase(c, Category.ASYMPTOMATIC, r.caseId(), r.at());
            case SUSPECTED -> open(c, Opening.of(Category.SUSPECTED, SINGLE, idSuffix, r.at(), r.at()));
            case CLOSE_CONTACT, SUB_CLOSE_CONTACT -> {
                Category category = Category.valueOf(r.status().name());
                long anchor = r.lastExposureAt() != null ? r.lastExposureAt() : r.at();
                open(c, Opening.of(category, r.caseId() != null ? r.caseId() : NO_CASE, idSuffix, anchor, r.at()));
            }
            case SUSPECT_EXCLUDED -> endWhere(c, ep -> ep.category == Category.SUSPECTED
                    || ep.category == Category.POSITIVE_SCREENING);
            case CONTACT_RELEASED -> endWhere(c, ep -> (ep.category == Category.CLOSE_CONTACT
                    || ep.category == Category.SUB_CLOSE_CONTACT)
                    && (r.caseId() == null || r.caseId().equals(ep.caseKey)));
            case YELLOW_RELEASED -> endWhere(c, ep -> ep.colour == Colour.YELLOW);
            case FALSE_POSITIVE -> endWhere(c, ep -> ep.category == Category.POSITIVE_SCREENING);
            case DISCHARGED -> { } // ends phases `until: DISCHARGED` through the status fact
            default -> throw new IllegalArgumentException("unhandled status " + r.status());
        }
    }

    private void natResult(Context c, NatResult r) {
        if (c.s.tests.stream().anyMatch(t -> t.sampleId.equals(r.sampleId()))) {
            return; // the same sample twice is one test
        }
        boolean positive = r.result() == NatOutcome.POSITIVE;
        c.s.tests.add(new TestFact(r.sampleId(), r.sampledAt(), c.now, positive));
        boolean ownCaseActive = c.s.episodes.stream().anyMatch(ep -> ep.category == Category.CONFIRMED
                || ep.category == Category.ASYMPTOMATIC);
        if (positive && !ownCaseActive) {
            Category category = Category.POSITIVE_SCREENING;
            open(c, new Opening(category, SINGLE, category + ":" + r.sampleId(), r.resultAt(), null, r.resultAt(),
                    false, r.sampledAt()));
        }
    }

    private void arrival(Context c, ArrivalReport r) {
        Category category = r.originRisk().category();
        String key = r.originCode() + "@" + timeId(r.arrivedAt());
        open(c, new Opening(category, key, category + ":" + key, r.arrivedAt(), r.lastExposureAt(), r.reportedAt(),
                r.variantOfConcern(), r.arrivedAt()));
    }

    private void admin(Context c, AdminAction r) {
        if (c.s.actions.stream().anyMatch(a -> a.id.equals(r.actionId()))) {
            return; // the same action twice is one action
        }
        c.s.actions.add(new SeenId(r.actionId(), c.now));
        if (r.action() == AdminVerb.ASSIGN) {
            open(c, Opening.of(r.category(), r.actionId(), r.actionId(), r.at(), r.at()));
        } else if (r.episodeId() != null) {
            endWhere(c, ep -> ep.id.equals(r.episodeId()));
        } else {
            endWhere(c, ep -> ep.category == r.category());
        }
    }

    private void companion(Context c, CompanionDetection r) {
        Category category = r.confined() ? Category.CONFINED_COMPANION : Category.COMPANION;
        long anchor = r.confined() ? r.to() : r.detectedAt();
        open(c, Opening.of(category, r.caseId(), r.caseId(), anchor, r.detectedAt()));
    }

    private void areaExposure(Context c, AreaExposure r) {
        open(c, Opening.of(r.level().category(), r.areaId(), r.areaId(), r.to(), r.detectedAt()));
    }

    /** Drops facts older than the retention that no active episode can still count. */
    void forgetOldFacts(PersonState s, long now) {
        long horizon = now - settings.factRetentionMillis();
        long needed = horizon;
        for (Episode ep : s.episodes) {
            needed = Math.min(needed, Math.min(ep.testsFrom, ep.phaseStart));
        }
        long keepFrom = needed;
        s.tests.removeIf(t -> t.sampledAt < keepFrom && t.knownAt < horizon);
        s.statuses.removeIf(f -> f.knownAt < keepFrom);
        s.endedEpisodes.removeIf(e -> e.at < horizon);
        s.actions.removeIf(a -> a.at < horizon);
    }
}
