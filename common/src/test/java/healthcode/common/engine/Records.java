package healthcode.common.engine;

import healthcode.common.domain.AdminAction;
import healthcode.common.domain.AdminVerb;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.ArrivalReport;
import healthcode.common.domain.CaseKind;
import healthcode.common.domain.CaseReport;
import healthcode.common.domain.CaseStatusUpdate;
import healthcode.common.domain.Category;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.HealthStatus;
import healthcode.common.domain.NatOutcome;
import healthcode.common.domain.NatResult;
import healthcode.common.time.Times;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Intention-revealing builders for the records of one test person, with times in Asia/Shanghai. */
final class Records {
    static final String PERSON = "p-1";
    static final ZoneId ZONE = Times.zone("Asia/Shanghai");

    private Records() {}

    /** "2022-05-01 10:00" in Asia/Shanghai. */
    static long at(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atZone(ZONE).toInstant().toEpochMilli();
    }

    static PersonEvent status(HealthStatus status, String at) {
        return PersonEvent.of(new CaseStatusUpdate(PERSON, status, at(at), null, null));
    }

    static PersonEvent status(HealthStatus status, String at, String caseId) {
        return PersonEvent.of(new CaseStatusUpdate(PERSON, status, at(at), null, caseId));
    }

    static PersonEvent contact(HealthStatus status, String at, String lastExposure, String caseId) {
        return PersonEvent.of(new CaseStatusUpdate(PERSON, status, at(at), at(lastExposure), caseId));
    }

    static PersonEvent caseReport(CaseKind kind, String caseId, String reportedAt) {
        long reported = at(reportedAt);
        return PersonEvent.of(new CaseReport(caseId, PERSON, List.of("13800000001"), kind, reported - Times.DAY, null,
                reported, reported));
    }

    private static int sampleCounter;

    static PersonEvent negative(String sampledAt, String resultAt) {
        return nat(NatOutcome.NEGATIVE, sampledAt, resultAt);
    }

    static PersonEvent positive(String sampledAt, String resultAt) {
        return nat(NatOutcome.POSITIVE, sampledAt, resultAt);
    }

    static PersonEvent nat(NatOutcome outcome, String sampledAt, String resultAt) {
        return PersonEvent.of(new NatResult(PERSON, "s-" + sampledAt, at(sampledAt), at(resultAt), outcome, null));
    }

    static PersonEvent sample(String sampleId, NatOutcome outcome, String sampledAt, String resultAt) {
        return PersonEvent.of(new NatResult(PERSON, sampleId, at(sampledAt), at(resultAt), outcome, null));
    }

    static PersonEvent arrival(healthcode.common.domain.OriginRisk risk, String arrivedAt, String reportedAt) {
        return PersonEvent.of(new ArrivalReport(PERSON, at(arrivedAt), at(reportedAt), "440300", risk, false, null));
    }

    static PersonEvent arrival(healthcode.common.domain.OriginRisk risk, String arrivedAt, String reportedAt,
                               boolean variantOfConcern, String lastExposureAt) {
        return PersonEvent.of(new ArrivalReport(PERSON, at(arrivedAt), at(reportedAt), "440300", risk, variantOfConcern,
                lastExposureAt == null ? null : at(lastExposureAt)));
    }

    static PersonEvent companion(String caseId, String from, String to, String detectedAt, boolean confined) {
        return PersonEvent.of(new CompanionDetection(caseId, "13900000002", List.of(PERSON), "88283082a3fffff",
                at(from), at(to), (at(to) - at(from)) / 60000, confined, confined ? "venue-1" : null, at(detectedAt)),
                PERSON);
    }

    static PersonEvent areaExposure(String areaId, AreaLevel level, String from, String to, String detectedAt) {
        return PersonEvent.of(new AreaExposure(areaId, level, "13900000002", List.of(PERSON), at(from), at(to),
                at(detectedAt)), PERSON);
    }

    static PersonEvent assign(String actionId, Category category, String at) {
        return PersonEvent.of(new AdminAction(actionId, PERSON, "op-1", "450102", AdminVerb.ASSIGN, category, null,
                "manual check", at(at)));
    }

    static PersonEvent endAction(String actionId, Category category, String episodeId, String at) {
        return PersonEvent.of(new AdminAction(actionId, PERSON, "op-1", "450102", AdminVerb.END, category, episodeId,
                "released", at(at)));
    }
}
