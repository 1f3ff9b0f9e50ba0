package healthcode.common.domain;

public enum CaseKind { CONFIRMED, ASYMPTOMATIC }
