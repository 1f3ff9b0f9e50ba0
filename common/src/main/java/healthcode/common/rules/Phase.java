package healthcode.common.rules;

import healthcode.common.domain.Colour;
import healthcode.common.domain.HealthStatus;

/**
 * One step of a plan: a colour that holds until {@code days} are over or the {@code until} status is
 * known (whichever is first), and then until the exit condition holds. A phase with neither days
 * nor until is up at once if it has an exit condition, and otherwise lasts until it is ended from
 * outside (an admin END, a releasing status).
 */
public record Phase(Colour colour, Integer days, HealthStatus until, ExitCondition exit) implements java.io.Serializable {}
