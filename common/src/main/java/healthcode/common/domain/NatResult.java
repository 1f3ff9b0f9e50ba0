package healthcode.common.domain;

/** A nucleic-acid test result; event time {@code resultAt}. */
public record NatResult(String personId, String sampleId, long sampledAt, long resultAt, NatOutcome result, Double ct) {}
