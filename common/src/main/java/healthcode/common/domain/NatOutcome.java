package healthcode.common.domain;

public enum NatOutcome { NEGATIVE, POSITIVE }
