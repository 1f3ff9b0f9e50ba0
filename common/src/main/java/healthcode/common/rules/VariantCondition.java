package healthcode.common.rules;

/**
 * Chooses a plan variant from the delay between the anchor and the opening record, counted with
 * the edition's day counting ("reported within N days" = reported before N days from the anchor are
 * over), and from the variant-of-concern flag of an arrival. Null fields do not constrain.
 */
public record VariantCondition(Integer delayBelowDays, Integer delayAtMostDays, Integer delayAtLeastDays,
                               Boolean variantOfConcern) implements java.io.Serializable {
    public static final VariantCondition ALWAYS = new VariantCondition(null, null, null, null);
}
