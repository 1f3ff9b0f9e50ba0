package healthcode.common.rules;

import java.util.List;

/** A plan that applies when its condition holds. An empty phase list means "not managed". */
public record PlanVariant(VariantCondition when, TimelineStart start, List<Phase> phases) implements java.io.Serializable {}
