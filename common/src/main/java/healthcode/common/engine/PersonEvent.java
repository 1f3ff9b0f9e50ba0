package healthcode.common.engine;

import healthcode.common.domain.AdminAction;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ArrivalReport;
import healthcode.common.domain.CaseReport;
import healthcode.common.domain.CaseStatusUpdate;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.NatResult;
import healthcode.common.domain.Trigger;

/** One record about one person, whatever stream it came from; exactly one payload is set. */
public class PersonEvent {
    public Trigger kind;
    public String personId;
    public long eventTime;
    public CaseReport caseReport;
    public CaseStatusUpdate status;
    public NatResult natResult;
    public ArrivalReport arrival;
    public AdminAction admin;
    public CompanionDetection companion;
    public AreaExposure areaExposure;

    public PersonEvent() {}

    private PersonEvent(Trigger kind, String personId, long eventTime) {
        this.kind = kind;
        this.personId = personId;
        this.eventTime = eventTime;
    }

    public static PersonEvent of(CaseReport r) {
        PersonEvent e = new PersonEvent(Trigger.CASE, r.personId(), r.reportedAt());
        e.caseReport = r;
        return e;
    }

    public static PersonEvent of(CaseStatusUpdate r) {
        PersonEvent e = new PersonEvent(Trigger.CASE_STATUS, r.personId(), r.at());
        e.status = r;
        return e;
    }

    public static PersonEvent of(NatResult r) {
        PersonEvent e = new PersonEvent(Trigger.NAT_RESULT, r.personId(), r.resultAt());
        e.natResult = r;
        return e;
    }

    public static PersonEvent of(ArrivalReport r) {
        PersonEvent e = new PersonEvent(Trigger.ARRIVAL, r.personId(), r.reportedAt());
        e.arrival = r;
        return e;
    }

    public static PersonEvent of(AdminAction r) {
        PersonEvent e = new PersonEvent(Trigger.ADMIN, r.personId(), r.at());
        e.admin = r;
        return e;
    }

    /** A companion detection bound to one of the phone's persons. */
    public static PersonEvent of(CompanionDetection r, String personId) {
        PersonEvent e = new PersonEvent(Trigger.COMPANION, personId, r.detectedAt());
        e.companion = r;
        return e;
    }

    /** An area exposure bound to one of the phone's persons. */
    public static PersonEvent of(AreaExposure r, String personId) {
        PersonEvent e = new PersonEvent(Trigger.AREA_EXPOSURE, personId, r.detectedAt());
        e.areaExposure = r;
        return e;
    }

    /** The payload, for ordering records of the same instant deterministically. */
    public Object payload() {
        return switch (kind) {
            case CASE -> caseReport;
            case CASE_STATUS -> status;
            case NAT_RESULT -> natResult;
            case ARRIVAL -> arrival;
            case ADMIN -> admin;
            case COMPANION -> companion;
            case AREA_EXPOSURE -> areaExposure;
            default -> throw new IllegalStateException("no payload for " + kind);
        };
    }

    @Override
    public String toString() {
        return kind + "@" + eventTime;
    }
}
