package healthcode.common.domain;

/** What caused a colour change. */
public enum Trigger { CASE, CASE_STATUS, NAT_RESULT, COMPANION, AREA_EXPOSURE, ARRIVAL, ADMIN, TIMER, EDITION }
