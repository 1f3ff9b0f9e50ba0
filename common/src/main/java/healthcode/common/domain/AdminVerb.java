package healthcode.common.domain;

public enum AdminVerb { ASSIGN, END }
