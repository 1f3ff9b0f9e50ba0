package healthcode.common.rules;

import java.util.List;

/** How an edition manages one category: the first variant whose condition holds applies. */
public record CategoryPlan(List<PlanVariant> variants) implements java.io.Serializable {}
