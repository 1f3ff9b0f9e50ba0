package healthcode.common.rules;

/**
 * When a phase's time is up, it ends only once this holds (rules.md, Exit test condition).
 * Null hours mean "no constraint".
 */
public record ExitCondition(int negativeTests, Integer minSpacingHours, Integer finalWithinHours, Integer spanHours) implements java.io.Serializable {}
